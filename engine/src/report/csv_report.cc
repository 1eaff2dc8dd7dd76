#include "report/csv_report.h"

#include "core/utf8_escape.h"
#include <sstream>

namespace exengine {

std::string csv_cell(std::string_view raw) {
  std::string text = escape_invalid_utf8(raw);
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
                        text[0] == '\t' || text[0] == '\r'))
    text.insert(text.begin(), '\'');
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

void CsvReport::begin(const ClassResults& results) {
  columns_ = &results.exercises();
  late_ = results.has_due_date();
  std::string line = "student";
  for (const auto& col : *columns_) line += "," + csv_cell(col.id);
  if (late_) line += ",late_days,late_penalty";
  out_ << line << ",total\n";
}

void CsvReport::student(const StudentRow& row, const std::vector<ExerciseResult>&) {
  std::string line = csv_cell(row.name);
  for (const auto& col : *columns_) {
    line += ',';
    if (const ResultEntry* r = row.find(col.id)) line += csv_cell(format_points(r->score));
  }
  if (late_) line += "," + std::to_string(row.late_days) + "," + csv_cell(format_points(row.late_penalty));
  out_ << line << "," << csv_cell(format_points(row.total)) << "\n";
}

void CsvReport::end(const ClassResults& results) {
  // Students not (completely) graded (merge --partial): a row with no cells and "absent" as total.
  for (const auto& name : results.absent()) {
    if (results.find_student(name)) continue;
    out_ << csv_cell(name) << std::string(results.exercises().size() + (late_ ? 2 : 0), ',') << ",absent\n";
  }
}

std::string csv_report(const ClassResults& results) {
  std::ostringstream out;
  CsvReport sink(out);
  write_report_sinks(results, {&sink});
  return std::move(out).str();
}

}  // namespace exengine
