// ProgressMeter: shows how far a batch is: done/total, rate, ETA and failures so far.
//
// Modes: `bar` redraws one line in place (for a terminal; at most 10 redraws a second), `lines`
// prints a plain line every `line_interval` (and at the end) for logs and CI, `quiet` prints nothing.
//
// ETA: from the cost learned so far per exercise. expect() says how many tasks of each exercise are
// to come; record() says which exercise finished and what it cost (its runs' wall time). The
// remaining work is the sum over exercises of (tasks left) x (that exercise's mean cost so far, or
// the mean of all exercises while none of it has finished), paced by how fast cost was done so far:
// a class whose cheap exercises come first no longer promises 6 s and then takes a minute. Without
// expect() or costs, the ETA is (tasks left) / (tasks per second).
//
// Resume: `already_done` results (and set_resumed_failed() failures) came from the journal; they
// count in done and failed, not in the rate (this process did not grade them).
//
// Contract: thread-safe (record() is called from the scheduler's done callback); writes only to
// the stream given; finish() ends the bar's line. The clock is injectable for tests.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <ostream>
#include <string>

namespace exengine {

class ProgressMeter {
 public:
  enum class Mode { bar, lines, quiet };
  using Clock = std::function<std::chrono::steady_clock::time_point()>;

  // `already_done` tasks were finished before this process (a resumed journal), `already_failed`
  // of them failed: the line counts them in "done" and "failed", but not in the rate.
  ProgressMeter(std::ostream& out, Mode mode, std::size_t total, std::size_t already_done = 0,
                std::size_t already_failed = 0, Clock clock = nullptr, std::chrono::milliseconds line_interval = std::chrono::seconds(5));

  void record(bool failed);  // one more task finished
  // One more task of `exercise` finished after `cost_ms` of runs.
  void record(bool failed, const std::string& exercise, double cost_ms);
  void expect(const std::string& exercise, std::size_t tasks);  // tasks of it still to come
  void set_resumed_failed(std::size_t failed);                  // failures among already_done
  void finish();

  // The status text (without bar or newline): "12/40 done, 3.1/s, ETA 9s, 2 failed".
  std::string status() const;

 private:
  std::string status_locked() const;
  double eta_seconds_locked(double secs) const;  // < 0: not known yet
  void draw_locked(bool final);

  std::ostream& out_;
  Mode mode_;
  std::size_t total_;
  std::size_t resumed_;  // done before this process started (not counted in the rate)
  std::size_t done_ = 0;
  std::size_t failed_ = 0;
  std::size_t resumed_failed_ = 0;  // failures among the resumed (already_done) results
  struct Cost {
    std::size_t left = 0, done = 0;
    double ms = 0;  // cost of the `done` tasks
  };
  std::map<std::string, Cost> costs_;
  double cost_done_ms_ = 0;
  std::size_t cost_done_ = 0;
  Clock clock_;
  std::chrono::milliseconds interval_;
  std::chrono::steady_clock::time_point start_, last_draw_;
  mutable std::mutex mutex_;
  bool finished_ = false;
};

}  // namespace exengine
