// `count-range`: `pattern` must match between `min` and `max` lines. `message` replaces the
// default failure message; `within_ms` (the time the program prints them in) only words it.
#include <optional>
#include <string>

#include <fmt/format.h>

#include "graders/builtin_graders.h"
#include "graders/line_pattern.h"
#include "graders/text_lines.h"

namespace exengine {

namespace {

class CountRangeGrader : public Grader {
 public:
  CountRangeGrader(LinePattern pattern, long long min, std::optional<long long> max, std::string message,
                   std::optional<double> within_ms)
      : pattern_(std::move(pattern)), min_(min), max_(max), message_(std::move(message)), within_ms_(within_ms) {}

  GradeOutcome grade(const GradeInput& input) const override {
    long long count = 0;
    for (auto line : split_lines(input.output)) count += pattern_.matches(line) ? 1 : 0;
    if (count >= min_ && (!max_ || count <= *max_)) return GradeOutcome::pass();
    if (!message_.empty()) return GradeOutcome::fail(message_);
    std::string fact = pattern_.literal()
                           ? fmt::format("{} appeared {}", quote(*pattern_.literal()), count_of(count, "time"))
                           : fmt::format("{} matched {}", count_of(count, "line"), pattern_.label());
    std::string want;
    if (max_ && *max_ == min_) want = fmt::format("{}", min_);
    else if (!max_) want = fmt::format("at least {}", min_);
    else if (min_ == 0) want = fmt::format("at most {}", *max_);
    else want = fmt::format("{} to {}", min_, *max_);
    if (within_ms_) want += " in " + format_seconds(*within_ms_);
    return GradeOutcome::fail(fact + "; expected " + want);
  }

 private:
  LinePattern pattern_;
  long long min_;
  std::optional<long long> max_;
  std::string message_;
  std::optional<double> within_ms_;
};

}  // namespace

std::unique_ptr<Grader> make_count_range_grader(const Options& options, const GraderHost&) {
  options.allow_only({"pattern", "min", "max", "message", "within_ms"});
  LinePattern pattern(options.get_string("pattern"), "pattern");
  long long min = options.get_int("min", 0);
  if (min < 0) throw OptionError("min", fmt::format("'min' must not be negative (got {})", min));
  std::optional<long long> max;
  if (options.has("max")) {
    max = options.get_int("max");
    if (*max < min) throw OptionError("max", fmt::format("'max' ({}) is less than 'min' ({})", *max, min));
  }
  std::optional<double> within;
  if (options.has("within_ms")) {
    within = options.get_number("within_ms");
    if (*within <= 0) throw OptionError("within_ms", "'within_ms' must be positive");
  }
  return std::make_unique<CountRangeGrader>(std::move(pattern), min, max, options.get_string("message", ""),
                                            within);
}

}  // namespace exengine
