// ProgressMeter: shows how far a batch is: done/total, rate, ETA and failures so far.
//
// Modes: `bar` redraws one line in place (for a terminal; at most 10 redraws a second), `lines`
// prints a plain line every `line_interval` (and at the end) for logs and CI, `quiet` prints nothing.
//
// Contract: thread-safe (record() is called from the scheduler's done callback); writes only to
// the stream given; finish() ends the bar's line. The clock is injectable for tests.
#pragma once

#include <chrono>
#include <functional>
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
  void finish();

  // The status text (without bar or newline): "12/40 done, 3.1/s, ETA 9s, 2 failed".
  std::string status() const;

 private:
  std::string status_locked() const;
  void draw_locked(bool final);

  std::ostream& out_;
  Mode mode_;
  std::size_t total_;
  std::size_t resumed_;  // done before this process started (not counted in the rate)
  std::size_t done_ = 0;
  std::size_t failed_ = 0;  // including the resumed ones
  Clock clock_;
  std::chrono::milliseconds interval_;
  std::chrono::steady_clock::time_point start_, last_draw_;
  mutable std::mutex mutex_;
  bool finished_ = false;
};

}  // namespace exengine
