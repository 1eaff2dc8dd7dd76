// BackgroundCheck: runs one Checker::check at a time on a thread of its own, so the watch screen
// stays responsive while a submission runs (up to its limits: a hanging program ends as a timeout,
// a flood of output as output-limit).
//
// Contract
// - start() only when !busy(). The owning thread polls fd() (readable once the check is done) and
//   then calls take(), which joins the thread and returns the result (none for a cancelled check).
// - The destructor waits for a running check to end (it is bounded by the exercise's limits).
// - The Checker must outlive this object; check() is thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <thread>

#include "core/result.h"
#include "checking/checker.h"

namespace exengine {

class BackgroundCheck {
 public:
  explicit BackgroundCheck(const Checker& checker);
  ~BackgroundCheck();
  BackgroundCheck(const BackgroundCheck&) = delete;
  BackgroundCheck& operator=(const BackgroundCheck&) = delete;

  // `tag` comes back with the result (the watch screen passes the file's hash).
  void start(const CheckRequest& request, std::string tag);
  bool busy() const { return thread_.joinable(); }
  const CheckRequest& request() const { return request_; }
  double elapsed_s() const;
  int fd() const { return pipe_[0]; }
  // The finished check and its tag; nullopt while it is still running, and after cancel().
  std::optional<std::pair<ExerciseResult, std::string>> take();
  // Ends the running check early (its program is killed; take() then drops its result): a newer
  // save of the same file is waiting. No effect when idle.
  void cancel() { cancel_ = true; }

 private:
  const Checker& checker_;
  int pipe_[2] = {-1, -1};
  std::thread thread_;
  std::atomic<bool> done_{false};
  std::atomic<bool> cancel_{false};
  CheckRequest request_;
  std::string tag_;
  ExerciseResult result_;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace exengine
