// JunitReport: junit.xml, one <testsuite> per student, one <testcase> per exercise.
//
// Mapping: passed -> plain testcase; internal-error -> <error>; every other verdict (wrong-output,
// timeout, runtime-error, memory-limit, output-limit, compile-error, missing) -> <failure> with
// type = the verdict and message = the result's message; the body holds the message, the diff and
// the captured stderr. classname is "<student>.<topic>", name the exercise id, time the decisive
// run's wall time in seconds. Everything is escaped (escape_markup).
//
// Contract: deterministic apart from the time attributes (measured figures).
#pragma once

#include <ostream>
#include <string>

#include "report/report_sink.h"

namespace exengine {

class JunitReport : public ReportSink {
 public:
  explicit JunitReport(std::ostream& out) : out_(out) {}
  void begin(const ClassResults& results) override;
  void student(const StudentRow& row, const std::vector<ExerciseResult>& results) override;
  void end(const ClassResults& results) override;

 private:
  std::ostream& out_;
};

std::string junit_report(const ClassResults& results);

}  // namespace exengine
