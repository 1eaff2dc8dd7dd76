// JobEngine: a cluster's batch system, as `grade --slurm` needs it: submit a job (or an array of
// tasks) that runs a script, possibly after another job succeeded, and ask how its tasks are doing.
// The real one is SlurmSubmitter (slurm_submitter.h); tests may put a fake behind this interface.
//
// Contract
// - submit() returns the new job's id, or throws JobEngineError with one line quoting the engine's
//   own message (its client missing, a partition that does not exist, a refused job).
// - tasks() lists the job's tasks (array tasks expanded, one entry for a plain job), empty once the
//   engine no longer knows the job; a failure to ask throws JobEngineError.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace exengine {

class JobEngineError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct JobRequest {
  std::string name;
  std::filesystem::path script;   // an executable script the job runs
  std::filesystem::path workdir;  // where it starts
  std::string log;                // stdout+stderr of each task; "%a" stands for the array task number
  int array_size = 0;             // > 0: tasks 1..array_size, each with its task number
  int cpus = 1;                   // per task
  std::string partition;          // empty: the engine's default
  std::string time_limit;         // empty: the partition's
  std::string after_ok;           // a job that must succeed (every task of it) first; empty: none
  bool requeue = false;           // a task may be requeued (its log is appended to, not cut)
};

enum class TaskPhase { pending, running, done, failed };

struct TaskState {
  int task = 0;            // array task number; 0 for a plain job
  TaskPhase phase = TaskPhase::pending;
  std::string state;       // the engine's own word (PENDING, RUNNING, COMPLETED, FAILED, ...)
  std::string exit_code;   // as the engine prints it (Slurm: "code:signal")
  std::string reason;      // why it waits or failed
  int restarts = 0;        // times it was requeued
};

class JobEngine {
 public:
  virtual ~JobEngine() = default;
  virtual std::string submit(const JobRequest& request) = 0;
  virtual std::vector<TaskState> tasks(const std::string& job_id) = 0;
  // Commands a person can run to follow (and, afterwards, account for) these jobs.
  virtual std::vector<std::string> follow_commands(const std::vector<std::string>& job_ids) const = 0;
};

}  // namespace exengine
