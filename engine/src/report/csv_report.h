// CsvReport: grades.csv, one row per student: `student,<exercise id>...,total`, points per cell.
//
// Contract
// - RFC 4180 quoting: fields holding a comma, a quote, CR or LF are quoted, quotes doubled; rows
//   end in "\n" (which spreadsheet importers and Python's csv module both accept). UTF-8 text.
// - Safe against formula injection: a cell starting with = + - @ TAB or CR gets a leading `'`.
// - A student without a result for an exercise gets an empty cell (their total counts it as 0).
// - An absent student with no result at all (merge --partial, ClassResults::absent) gets a row of
//   empty cells with `absent` as total, after the graded students.
// - Deterministic: rows sorted by student, columns by exercise id (see ClassResults).
#pragma once

#include <string>
#include <string_view>

#include <ostream>

#include "report/report_sink.h"

namespace exengine {

class CsvReport : public ReportSink {
 public:
  explicit CsvReport(std::ostream& out) : out_(out) {}
  bool needs_results() const override { return false; }
  void begin(const ClassResults& results) override;
  void student(const StudentRow& row, const std::vector<ExerciseResult>& results) override;
  void end(const ClassResults& results) override;

 private:
  std::ostream& out_;
  const std::vector<ExerciseColumn>* columns_ = nullptr;
  bool late_ = false;  // an assignment's due date applied: late_days and late_penalty columns
};

std::string csv_report(const ClassResults& results);

// One CSV cell, injection-neutralised and quoted as needed.
std::string csv_cell(std::string_view text);

}  // namespace exengine
