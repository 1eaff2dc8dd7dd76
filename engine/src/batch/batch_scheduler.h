// BatchScheduler: runs grading tasks on a pool of worker threads, overlapping runs that mostly
// sleep while never running more CPU-bound work at once than there are cores.
//
// Policy (measured; see the tests and the lead's report): each exercise has an estimated CPU
// demand in cores, cpu_ms / wall_ms of its finished runs (running mean; 1.0 before the first run
// finishes, never below kMinDemand). A task starts when a slot is free (at most `slots` at once)
// and the running tasks' demands plus its own fit in `cpu_budget` (the cores); a task whose demand
// alone exceeds the budget (a multiprocessing exercise) starts only when nothing else runs. So a
// class of sleep-bound daemon exercises runs `slots` at a time, while CPU-bound exercises run at
// most one per core and timing-sensitive solutions are not starved.
//
// Contract
// - run() blocks until every task is done. `check` is called from the worker threads, several at
//   once (it must be thread-safe); an exception from it becomes an internal-error result for that
//   task only. `done` is called from the worker threads, one call at a time (serialised by the
//   scheduler), in completion order; an exception from `done` (e.g. the journal cannot be written)
//   stops the dispatch of new tasks, lets running ones finish (their results still go to `done`),
//   and is rethrown by run().
// - `stop()` (any thread, e.g. a signal watcher) stops dispatching; run() returns once running
//   tasks are done.
#pragma once

#include <atomic>
#include <condition_variable>
#include <exception>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "core/result.h"

namespace exengine {

struct Exercise;

struct GradeTask {
  std::string student;
  std::string exercise_id;
  const Exercise* exercise = nullptr;  // null in tests with a fake check
  std::filesystem::path file;          // the submission (may not exist: missing)
  std::string display_name;            // "alice/threads/simple-thread.py"
  std::string language;                // "python", "cpp"; empty: from the extension
};

struct SchedulerOptions {
  int slots = 1;          // most tasks at once
  double cpu_budget = 1;  // cores' worth of CPU-bound work at once
};

// Slots and budget from the machine: slots = 4 x cores (capped at 64), budget = cores.
SchedulerOptions default_scheduler_options();

class BatchScheduler {
 public:
  static constexpr double kMinDemand = 0.05;

  using CheckFn = std::function<ExerciseResult(const GradeTask&)>;
  using DoneFn = std::function<void(const GradeTask&, ExerciseResult&&)>;

  explicit BatchScheduler(SchedulerOptions options);

  void run(const std::vector<GradeTask>& tasks, const CheckFn& check, const DoneFn& done);
  void stop();

  int peak_running() const { return peak_running_; }
  double demand(const std::string& exercise_id) const;  // the current estimate

 private:
  struct Estimate {
    double demand = 1.0;
    int samples = 0;
  };

  void worker(const std::vector<GradeTask>& tasks, const CheckFn& check, const DoneFn& done);
  double demand_locked(const std::string& exercise_id) const;

  SchedulerOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::mutex done_mutex_;
  std::vector<std::size_t> queue_;  // indexes of pending tasks, in order
  std::map<std::string, Estimate> estimates_;
  double load_ = 0;
  int running_ = 0;
  int peak_running_ = 0;
  std::atomic<bool> stopped_{false};
  std::exception_ptr failure_;
};

}  // namespace exengine
