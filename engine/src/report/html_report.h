// HtmlReport: index.html, a static, self-contained page (inline CSS and SVG, no script, no external
// resource): the class summary (table#summary), a score-distribution chart (svg#distribution), the
// pass rate and most common failure messages per exercise (table#exercises), the students
// (table#students) and a drill-down per student (section.student) with messages, diffs and output.
//
// Contract: every text that comes from a submission or a result (student names, messages, diffs,
// program output, exercise ids) goes through escape_markup; the page holds no timestamps and no
// measured figures, so it is a pure function of the verdicts, scores and texts.
#pragma once

#include <ostream>
#include <string>

#include "report/report_sink.h"

namespace exengine {

class HtmlReport : public ReportSink {
 public:
  explicit HtmlReport(std::ostream& out) : out_(out) {}
  void begin(const ClassResults& results) override;
  void student(const StudentRow& row, const std::vector<ExerciseResult>& results) override;
  void end(const ClassResults& results) override;

 private:
  std::ostream& out_;
  std::size_t index_ = 0;
};

std::string html_report(const ClassResults& results);

}  // namespace exengine
