// `timing`: the run's wall time must lie in [`min_ms`, `max_ms`]; `message_slow`/`message_fast`
// follow the measured fact ("took 4.8 s; expected at most 4.5 s: is the thread a daemon?").
// A run without a wall time (`exengine judge` grades a captured output) is not judged: it passes.
#include <optional>
#include <string>

#include "graders/builtin_graders.h"
#include "graders/text_lines.h"

namespace exengine {

namespace {

class TimingGrader : public Grader {
 public:
  TimingGrader(std::optional<double> min_ms, std::optional<double> max_ms, std::string slow, std::string fast)
      : min_ms_(min_ms), max_ms_(max_ms), slow_(std::move(slow)), fast_(std::move(fast)) {}

  GradeOutcome grade(const GradeInput& input) const override {
    if (input.wall_ms <= 0) return GradeOutcome::pass("no run time to check");
    if (max_ms_ && input.wall_ms > *max_ms_)
      return GradeOutcome::fail(with("took " + format_seconds(input.wall_ms) + "; expected at most " +
                                         format_seconds(*max_ms_),
                                     slow_));
    if (min_ms_ && input.wall_ms < *min_ms_)
      return GradeOutcome::fail(with("took " + format_seconds(input.wall_ms) + "; expected at least " +
                                         format_seconds(*min_ms_),
                                     fast_));
    return GradeOutcome::pass();
  }

 private:
  static std::string with(std::string fact, const std::string& message) {
    return message.empty() ? fact : fact + ": " + message;
  }

  std::optional<double> min_ms_, max_ms_;
  std::string slow_, fast_;
};

std::optional<double> bound(const Options& options, const std::string& key) {
  if (!options.has(key)) return std::nullopt;
  double v = options.get_number(key);
  if (v < 0) throw OptionError(key, "'" + key + "' must not be negative");
  return v;
}

}  // namespace

std::unique_ptr<Grader> make_timing_grader(const Options& options, const GraderHost&) {
  options.allow_only({"min_ms", "max_ms", "message_slow", "message_fast"});
  auto min_ms = bound(options, "min_ms");
  auto max_ms = bound(options, "max_ms");
  if (!min_ms && !max_ms) throw OptionError("max_ms", "timing needs 'min_ms', 'max_ms' or both");
  if (min_ms && max_ms && *max_ms < *min_ms) throw OptionError("max_ms", "'max_ms' is less than 'min_ms'");
  return std::make_unique<TimingGrader>(min_ms, max_ms, options.get_string("message_slow", ""),
                                        options.get_string("message_fast", ""));
}

}  // namespace exengine
