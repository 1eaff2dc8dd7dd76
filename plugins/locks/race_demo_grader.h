// RaceDemoGrader ("race-demo", locks library): decides whether a program demonstrates a race on a
// shared counter (locks/race-condition). The program starts threads that each add 1 to a counter
// without a lock, joins them, and prints one line of the shape `line` with the final value.
//
// What counts: exactly one such line, with a value in [1, expected]. A value below `expected`
// shows lost updates; `expected` itself is accepted too, since a race shows in some runs only
// (the pass message says so and suggests --stress). That the threads exist and hold no lock is
// the behaviour probes' part (the exercise's `requires`), not this grader's.
//
// Options (validated at construction; OptionError names the key):
//   line      string, required: the line's template, one `{}` for the number.
//   expected  integer >= 1, required: the value if no update were lost (threads x increments).
//
// Messages (exact; tests/lesson_graders_test.cc), e.g. for line "Count: {}", expected 5:
//   pass, lost   the race showed: only 3 of 5 increments survived
//   pass, none   no increment was lost in this run: races show in some runs only (grade with --stress to provoke one)
//   no line      no 'Count: N' line in the output; print the counter once the threads are joined
//   twice        'Count: N' was printed 2 times; print it once, after joining every thread
//   zero         the counter is 0: the main thread printed it before the threads ran: missing join() before the print
//   too high     the counter is 7, more than the 5 increments the threads make: start threads that add 1 each, 5 in all
//   negative     the counter is -1: a counter that only goes up cannot be negative
//
// Threading: immutable after construction; grade() is safe to call concurrently.
#pragma once

#include <cstdint>
#include <memory>

#include <exengine/grader.h>

#include "counter_line.h"

namespace exengine {

class RaceDemoGrader : public Grader {
 public:
  explicit RaceDemoGrader(const Options& options);
  GradeOutcome grade(const GradeInput& input) const override;
  std::string example_output() const override { return line_.render(expected_ > 1 ? expected_ - 1 : 1) + "\n"; }

 private:
  CounterLine line_;
  std::int64_t expected_ = 0;
};

std::unique_ptr<Grader> make_race_demo_grader(const Options& options, const GraderHost& host);

}  // namespace exengine
