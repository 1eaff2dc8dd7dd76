#include "batch/progress_meter.h"

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
      failed_(already_failed),
      clock_(clock ? std::move(clock) : Clock([] { return steady_clock::now(); })),
      interval_(line_interval) {
  start_ = clock_();
  last_draw_ = start_;
}

std::string ProgressMeter::status() const {
  std::lock_guard lock(mutex_);
  return status_locked();
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
      const long eta = std::lround((total_ - done) / rate);
      if (eta >= 60) std::snprintf(buf, sizeof buf, ", ETA %ldm%02lds", eta / 60, eta % 60);
      else std::snprintf(buf, sizeof buf, ", ETA %lds", eta);
      text += buf;
    }
  }
  text += ", " + std::to_string(failed_) + " failed";
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

void ProgressMeter::finish() {
  std::lock_guard lock(mutex_);
  if (finished_) return;
  finished_ = true;
  draw_locked(true);
}

}  // namespace exengine
