#include "batch/batch_scheduler.h"

#include <algorithm>
#include <thread>

namespace exengine {

SchedulerOptions default_scheduler_options() {
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  SchedulerOptions o;
  o.slots = static_cast<int>(std::min(64u, 4 * cores));
  o.cpu_budget = cores;
  return o;
}

BatchScheduler::BatchScheduler(SchedulerOptions options) : options_(options) {
  options_.slots = std::max(1, options_.slots);
  options_.cpu_budget = std::max(0.1, options_.cpu_budget);
}

double BatchScheduler::demand_locked(const std::string& exercise_id) const {
  auto it = estimates_.find(exercise_id);
  return it == estimates_.end() ? 1.0 : it->second.demand;
}

double BatchScheduler::demand(const std::string& exercise_id) const {
  std::lock_guard lock(mutex_);
  return demand_locked(exercise_id);
}

void BatchScheduler::stop() {
  stopped_ = true;
  cv_.notify_all();
}

void BatchScheduler::run(const std::vector<GradeTask>& tasks, const CheckFn& check, const DoneFn& done) {
  {
    std::lock_guard lock(mutex_);
    queue_.clear();
    for (std::size_t i = 0; i < tasks.size(); ++i) queue_.push_back(i);
    failure_ = nullptr;
  }
  const int n = std::min<int>(options_.slots, static_cast<int>(tasks.size()));
  std::vector<std::thread> threads;
  threads.reserve(n);
  for (int i = 0; i < n; ++i) threads.emplace_back([&] { worker(tasks, check, done); });
  for (auto& t : threads) t.join();
  if (failure_) std::rethrow_exception(failure_);
}

void BatchScheduler::worker(const std::vector<GradeTask>& tasks, const CheckFn& check, const DoneFn& done) {
  for (;;) {
    std::size_t index = 0;
    double want = 0;
    {
      std::unique_lock lock(mutex_);
      auto pick = [&]() -> bool {
        for (auto it = queue_.begin(); it != queue_.end(); ++it) {
          const double d = demand_locked(tasks[*it].exercise_id);
          if (running_ == 0 || load_ + d <= options_.cpu_budget + 1e-9) {
            index = *it;
            want = d;
            queue_.erase(it);
            return true;
          }
        }
        return false;
      };
      cv_.wait(lock, [&] { return stopped_ || failure_ || queue_.empty() || pick(); });
      // pick() succeeded only if it removed a task; distinguish by `want`.
      if (want == 0) return;
      load_ += want;
      ++running_;
      peak_running_ = std::max(peak_running_, running_);
    }

    const GradeTask& task = tasks[index];
    ExerciseResult result;
    try {
      result = check(task);
    } catch (const std::exception& e) {
      result = ExerciseResult{};
      result.verdict = Verdict::internal_error;
      result.message = std::string("internal error while grading: ") + e.what();
    } catch (...) {
      result = ExerciseResult{};
      result.verdict = Verdict::internal_error;
      result.message = "internal error while grading: unknown exception";
    }
    if (result.exercise.empty()) result.exercise = task.exercise_id;
    if (result.student.empty()) result.student = task.student;
    if (result.file.empty()) result.file = task.display_name;
    const double used = result.wall_ms > 0 ? std::max(kMinDemand, result.cpu_ms / result.wall_ms) : 0;

    {
      std::lock_guard done_lock(done_mutex_);
      try {
        done(task, std::move(result));
      } catch (...) {
        std::lock_guard lock(mutex_);
        if (!failure_) failure_ = std::current_exception();
      }
    }

    {
      std::lock_guard lock(mutex_);
      load_ -= want;
      if (load_ < 1e-9) load_ = 0;
      --running_;
      if (used > 0) {
        Estimate& e = estimates_[task.exercise_id];
        e.demand = (e.demand * e.samples + used) / (e.samples + 1);
        ++e.samples;
      }
    }
    cv_.notify_all();
  }
}

}  // namespace exengine
