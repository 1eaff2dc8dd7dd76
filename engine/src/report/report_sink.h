// ReportSink: one report format written while the class streams past, one student at a time:
// begin() once (the aggregates of ClassResults are known by then), student() for every student in
// order with that student's loaded results, end() once. write_report_sinks drives several sinks in
// one pass, so each student's results are read from the source once for all formats and dropped
// before the next student's are read.
#pragma once

#include <vector>

#include "report/class_results.h"

namespace exengine {

class ReportSink {
 public:
  virtual ~ReportSink() = default;
  // False when the sink needs only the StudentRow facts (then `results` may be empty).
  virtual bool needs_results() const { return true; }
  virtual void begin(const ClassResults&) {}
  virtual void student(const StudentRow& row, const std::vector<ExerciseResult>& results) = 0;
  virtual void end(const ClassResults&) {}
};

void write_report_sinks(const ClassResults& results, const std::vector<ReportSink*>& sinks);

}  // namespace exengine
