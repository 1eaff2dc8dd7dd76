#include "batch/progress_meter.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace exengine {
using namespace std::chrono;

ProgressMeter::ProgressMeter(std::ostream& out, Mode mode, std::size_t total, std::size_t already_done,
                             std::size_t already_failed, Clock clock, milliseconds line_interval)
    : out_(out),
      mode_(mode),
      total_(total),
      resumed_(already_done),
      resumed_failed_(already_failed),
      clock_(clock ? std::move(clock) : Clock([] { return steady_clock::now(); })),
      interval_(line_interval) {
  start_ = clock_();
  last_draw_ = start_;
}

std::string ProgressMeter::status() const {
  std::lock_guard lock(mutex_);
  return status_locked();
}

double ProgressMeter::eta_seconds_locked(double secs) const {
  const std::size_t done = resumed_ + done_;
  if (done >= total_ || done_ == 0 || secs <= 0) return -1;
  if (cost_done_ == 0 || cost_done_ms_ <= 0) return (total_ - done) / (done_ / secs);
  const double mean = cost_done_ms_ / cost_done_;
  double left_ms = 0;
  std::size_t left_tasks = 0;
  for (const auto& [exercise, c] : costs_) {
    left_ms += c.left * (c.done ? c.ms / c.done : mean);
    left_tasks += c.left;
  }
  // Tasks nobody announced with expect() cost the mean.
  const std::size_t unannounced = total_ - done > left_tasks ? total_ - done - left_tasks : 0;
  left_ms += unannounced * mean;
  return left_ms * secs / cost_done_ms_;  // the cost done so far took `secs`
}

std::string ProgressMeter::status_locked() const {
  const double secs = duration<double>(clock_() - start_).count();
  const std::size_t done = resumed_ + done_;
  char buf[160];
  std::string text = std::to_string(done) + "/" + std::to_string(total_) + " done";
  if (done_ > 0 && secs > 0) {
    const double rate = done_ / secs;
    std::snprintf(buf, sizeof buf, ", %.1f/s", rate);
    text += buf;
    if (done < total_) {
      const long eta = std::lround(eta_seconds_locked(secs));
      if (eta >= 60) std::snprintf(buf, sizeof buf, ", ETA %ldm%02lds", eta / 60, eta % 60);
      else std::snprintf(buf, sizeof buf, ", ETA %lds", eta);
      text += buf;
    }
  }
  text += ", " + std::to_string(resumed_failed_ + failed_) + " failed";
  return text;
}

void ProgressMeter::draw_locked(bool final) {
  if (mode_ == Mode::quiet) return;
  const auto now = clock_();
  if (mode_ == Mode::bar) {
    if (!final && now - last_draw_ < milliseconds(100)) return;
    constexpr int kWidth = 30;
    const std::size_t done = resumed_ + done_;
    const int filled = total_ ? static_cast<int>(kWidth * done / total_) : kWidth;
    std::string bar = "\r[" + std::string(filled, '#') + std::string(kWidth - filled, '.') + "] " + status_locked();
    out_ << bar << "\x1b[K";
    if (final) out_ << '\n';
    out_.flush();
  } else {
    if (!final && now - last_draw_ < interval_) return;
    out_ << "progress: " << status_locked() << '\n';
    out_.flush();
  }
  last_draw_ = now;
}

void ProgressMeter::record(bool failed) {
  std::lock_guard lock(mutex_);
  ++done_;
  if (failed) ++failed_;
  draw_locked(false);
}

void ProgressMeter::record(bool failed, const std::string& exercise, double cost_ms) {
  std::lock_guard lock(mutex_);
  ++done_;
  if (failed) ++failed_;
  if (auto it = costs_.find(exercise); it != costs_.end()) {
    Cost& c = it->second;
    if (c.left > 0) --c.left;
    ++c.done;
    c.ms += std::max(0.0, cost_ms);
  }
  ++cost_done_;
  cost_done_ms_ += std::max(0.0, cost_ms);
  draw_locked(false);
}

void ProgressMeter::expect(const std::string& exercise, std::size_t tasks) {
  std::lock_guard lock(mutex_);
  costs_[exercise].left += tasks;
}

void ProgressMeter::set_resumed_failed(std::size_t failed) {
  std::lock_guard lock(mutex_);
  resumed_failed_ = failed;
}

void ProgressMeter::finish() {
  std::lock_guard lock(mutex_);
  if (finished_) return;
  finished_ = true;
  draw_locked(true);
}

}  // namespace exengine
