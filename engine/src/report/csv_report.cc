#include "report/csv_report.h"

#include "core/utf8_escape.h"
#include <algorithm>

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

std::string csv_report(const ClassResults& results) {
  std::string out = "student";
  for (const auto& col : results.exercises()) out += "," + csv_cell(col.id);
  const bool late = results.has_due_date();
  if (late) out += ",late_days,late_penalty";
  out += ",total\n";
  for (const auto& row : results.students()) {
    out += csv_cell(row.name);
    for (const auto& col : results.exercises()) {
      out += ',';
      if (const ExerciseResult* r = results.find(row.name, col.id)) out += csv_cell(format_points(r->score));
    }
    if (late) out += "," + std::to_string(row.late_days) + "," + csv_cell(format_points(row.late_penalty));
    out += "," + csv_cell(format_points(row.total)) + "\n";
  }
  // Students not (completely) graded (merge --partial): a row with no cells and "absent" as total.
  for (const auto& name : results.absent()) {
    if (std::any_of(results.students().begin(), results.students().end(),
                                                  [&](const StudentRow& r) { return r.name == name; }))
      continue;
    out += csv_cell(name) + std::string(results.exercises().size() + (late ? 2 : 0), ',') + ",absent\n";
  }
  return out;
}

}  // namespace exengine
