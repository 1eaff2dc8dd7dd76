#include "counter_grader.h"

#include <string>

namespace exengine {
namespace {

const Options& checked(const Options& options) {
  options.allow_only({"line", "expected", "initial", "extra_lines"});
  return options;
}

std::string diff_of(const CounterLine& line, std::int64_t expected, std::int64_t got) {
  return "-" + line.render(expected) + "\n+" + line.render(got) + "\n";
}

}  // namespace

CounterGrader::CounterGrader(const Options& options)
    : line_(checked(options).get_string("line"), "line"),
      expected_(options.get_int("expected")),
      initial_(options.get_int("initial", 0)),
      extra_lines_(options.get_bool("extra_lines", false)) {}

GradeOutcome CounterGrader::grade(const GradeInput& input) const {
  const CounterLine::Scan scan = line_.scan(input.output);
  const std::string want = line_.render(expected_);
  if (scan.values.empty())
    return GradeOutcome::fail("no '" + line_.shape() + "' line in the output; print '" + want +
                                  "' once the threads are joined",
                              "-" + want + "\n");
  if (scan.values.size() > 1)
    return GradeOutcome::fail("'" + line_.shape() + "' was printed " + std::to_string(scan.values.size()) +
                              " times; print it once, after joining every thread");
  const std::int64_t got = scan.values.front();
  const std::string value = std::to_string(got);
  const std::string expected = std::to_string(expected_);
  if (got == initial_ && got != expected_)
    return GradeOutcome::fail("the counter is still " + value + ", not " + expected +
                                  ": the main thread printed it before the threads ran: missing join() before the print",
                              diff_of(line_, expected_, got));
  if (got > expected_ && initial_ < expected_)
    return GradeOutcome::fail("the counter is " + value + ", not " + expected +
                                  ": more updates than asked: check how many threads you start and how often each one adds",
                              diff_of(line_, expected_, got));
  if (got != expected_)
    return GradeOutcome::fail("the counter is " + value + ", not " + expected +
                                  ": updates were lost because threads read and wrote it at the same time: missing lock "
                                  "(hold one shared threading.Lock around the whole read-modify-write), or the print came "
                                  "before every thread was joined",
                              diff_of(line_, expected_, got));
  if (!extra_lines_ && !scan.others.empty())
    return GradeOutcome::fail("unexpected line '" + scan.others.front() + "'; print only '" + want + "'",
                              "+" + scan.others.front() + "\n");
  return GradeOutcome::pass();
}

std::unique_ptr<Grader> make_counter_grader(const Options& options, const GraderHost&) {
  return std::make_unique<CounterGrader>(options);
}

}  // namespace exengine
