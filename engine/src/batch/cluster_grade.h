// ClusterGrade: `exengine grade CLASS --out OUT --slurm`: the class graded as N shards on a job
// engine (job_engine.h), then merged, all by the engine's own jobs.
//
//   OUT/slurm/shard.sh   the array task: `exengine grade CLASS --shard K/N --resume --jobs
//                        $SLURM_CPUS_PER_TASK --out OUT/shards/K` (safe to requeue: --resume
//                        grades only what the shard's journal lacks)
//   OUT/slurm/merge.sh   `exengine merge OUT OUT/shards/1 ... OUT/shards/N`, its exit status also
//                        in OUT/slurm/merge.status
//   OUT/shards/K.log     each task's output (appended to across requeues); OUT/slurm/merge.log
//
// Contract
// - submit_cluster_grade checks what can be checked before submitting: OUT and its folders can be
//   created and written (BatchOutputError), an earlier run's shard journals are not overwritten
//   without `resume` (BatchError); CLASS or OUT under a node-local folder (/tmp, /var/tmp,
//   /dev/shm) is one warning line on `log` (other nodes cannot see it). Then it submits the array
//   (requeue-safe) and the merge (after every shard succeeded; cancelled if one fails).
// - follow_cluster_grade polls the jobs until the merge ends, with a progress line on `progress`
//   ("shards 2/4 done, 1 running, 1 pending; merge pending"). It returns when the merge completed;
//   a failed shard or merge throws JobEngineError whose message names the shard by number and ends
//   with the last lines of its log (each escaped for a terminal).
#pragma once

#include <chrono>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "batch/job_engine.h"

namespace exengine {

struct ClusterGradeOptions {
  std::filesystem::path exe;              // the engine, at a path every node sees
  std::vector<std::string> engine_args;   // global options (--plugins DIR, --tier T, ...)
  std::filesystem::path class_dir;        // absolute
  std::filesystem::path out_dir;          // absolute
  std::vector<std::string> grade_args;    // forwarded to every shard (filters, trials, limits)
  std::string formats = "all";            // the merged reports
  int shards = 4;
  int cpus = 1;                           // per shard
  std::string partition, time_limit;
  bool resume = false;
};

struct ClusterJobs {
  std::string shards;  // the array job
  std::string merge;   // the dependent merge job
};

ClusterJobs submit_cluster_grade(JobEngine& engine, const ClusterGradeOptions& options, std::ostream& log);
void follow_cluster_grade(JobEngine& engine, const ClusterJobs& jobs, const ClusterGradeOptions& options,
                          std::ostream& progress, bool tty,
                          std::chrono::milliseconds poll = std::chrono::milliseconds(1000));

// The last `lines` lines of a text file, each escaped for a terminal; empty when unreadable.
std::vector<std::string> log_tail(const std::filesystem::path& file, std::size_t lines);

}  // namespace exengine
