// CounterGrader ("counter", locks library): the result invariant of a shared counter. The program
// prints one line of the shape `line` ("Count: {}") holding the counter's final value, which must
// equal `expected`; a wrong value is explained by the concurrency mistake it points at.
//
// Options (validated at construction; OptionError names the key):
//   line         string, required: the line's template, one `{}` for the number.
//   expected     integer, required: the final value every correct run prints.
//   initial      integer, default 0: the value before any thread ran. Printing it means the main
//                thread did not wait for the threads (missing join).
//   extra_lines  boolean, default false: allow other non-blank lines besides the counter's.
//
// Messages (exact; tests/lesson_graders_test.cc holds them), e.g. for line "Count: {}", expected 5:
//   no line      no 'Count: N' line in the output; print 'Count: 5' once the threads are joined
//   twice        'Count: N' was printed 2 times; print it once, after joining every thread
//   initial      the counter is still 0, not 5: the main thread printed it before the threads ran: missing join() before the print
//   too many     the counter is 7, not 5: more updates than asked: check how many threads you start and how often each one adds
//   lost         the counter is 3, not 5: updates were lost because threads read and wrote it at the same time: missing lock (hold one shared threading.Lock around the whole read-modify-write), or the print came before every thread was joined
//   extra line   unexpected line 'hello'; print only 'Count: 5'
// "too many" applies only when every update moves the counter towards `expected` (initial < expected
// and the value overshot); otherwise an overshoot is lost updates too (e.g. lost withdrawals).
//
// Threading: immutable after construction; grade() is safe to call concurrently.
#pragma once

#include <cstdint>
#include <memory>

#include <exengine/grader.h>

#include "counter_line.h"

namespace exengine {

class CounterGrader : public Grader {
 public:
  explicit CounterGrader(const Options& options);
  GradeOutcome grade(const GradeInput& input) const override;
  std::string example_output() const override { return line_.render(expected_) + "\n"; }

 private:
  CounterLine line_;
  std::int64_t expected_ = 0;
  std::int64_t initial_ = 0;
  bool extra_lines_ = false;
};

std::unique_ptr<Grader> make_counter_grader(const Options& options, const GraderHost& host);

}  // namespace exengine
