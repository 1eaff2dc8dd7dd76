#include "race_demo_grader.h"

#include <string>

namespace exengine {
namespace {

const Options& checked(const Options& options) {
  options.allow_only({"line", "expected"});
  return options;
}

std::int64_t positive(const Options& options, const std::string& key) {
  const std::int64_t v = options.get_int(key);
  if (v < 1) throw OptionError(key, "'" + key + "' must be at least 1, not " + std::to_string(v));
  return v;
}

}  // namespace

RaceDemoGrader::RaceDemoGrader(const Options& options)
    : line_(checked(options).get_string("line"), "line"), expected_(positive(options, "expected")) {}

GradeOutcome RaceDemoGrader::grade(const GradeInput& input) const {
  const CounterLine::Scan scan = line_.scan(input.output);
  if (scan.values.empty())
    return GradeOutcome::fail("no '" + line_.shape() +
                              "' line in the output; print the counter once the threads are joined");
  if (scan.values.size() > 1)
    return GradeOutcome::fail("'" + line_.shape() + "' was printed " + std::to_string(scan.values.size()) +
                              " times; print it once, after joining every thread");
  const std::int64_t got = scan.values.front();
  const std::string value = std::to_string(got);
  const std::string expected = std::to_string(expected_);
  if (got == 0)
    return GradeOutcome::fail("the counter is 0: the main thread printed it before the threads ran: missing join() "
                              "before the print");
  if (got < 0) return GradeOutcome::fail("the counter is " + value + ": a counter that only goes up cannot be negative");
  if (got > expected_)
    return GradeOutcome::fail("the counter is " + value + ", more than the " + expected +
                              " increments the threads make: start threads that add 1 each, " + expected + " in all");
  if (got < expected_)
    return GradeOutcome::pass("the race showed: only " + value + " of " + expected + " increments survived");
  return GradeOutcome::pass(
      "no increment was lost in this run: races show in some runs only (grade with --stress to provoke one)");
}

std::unique_ptr<Grader> make_race_demo_grader(const Options& options, const GraderHost&) {
  return std::make_unique<RaceDemoGrader>(options);
}

}  // namespace exengine
