#include "report/json_report.h"

#include <cmath>
#include <ostream>
#include <sstream>

#include "report/result_json.h"
#include "core/utf8_escape.h"

namespace exengine {
using nlohmann::json;
namespace {

double round2(double x) { return std::round(x * 100.0) / 100.0; }

json summary_value(const ClassResults& results) {
  json summary = json::object();
  summary["students"] = results.students().size();
  summary["exercises"] = results.exercises().size();
  summary["results"] = results.result_count();
  summary["passed"] = results.passed();
  summary["verdicts"] = results.verdict_counts();
  double sum = 0, max_total = 0;
  for (const auto& s : results.students()) {
    sum += s.total;
    max_total = std::max(max_total, s.max_total);
  }
  summary["mean_score"] = results.students().empty() ? 0.0 : round2(sum / results.students().size());
  summary["max_total"] = max_total;
  if (!results.absent().empty()) {
    json absent = json::array();
    for (const auto& name : results.absent()) absent.push_back(escape_invalid_utf8(name));
    summary["absent"] = std::move(absent);
  }
  return summary;
}

json exercises_value(const ClassResults& results) {
  json exercises = json::array();
  for (const auto& col : results.exercises()) {
    json e = json::object();
    e["id"] = escape_invalid_utf8(col.id);
    e["max_score"] = col.max_score;
    e["attempted"] = col.attempted;
    e["passed"] = col.passed;
    e["pass_rate"] = col.attempted ? round2(double(col.passed) / col.attempted) : 0.0;
    e["verdicts"] = col.verdicts;
    json top = json::array();
    for (const auto& [message, count] : col.top_failures)
      top.push_back(json{{"message", escape_invalid_utf8(message)}, {"count", count}});
    e["top_failures"] = std::move(top);
    exercises.push_back(std::move(e));
  }
  return exercises;
}

json student_value(const StudentRow& s, const std::vector<ExerciseResult>& results, bool due) {
  json st = json::object();
  if (due) {
    st["late_days"] = s.late_days;
    st["late_penalty"] = s.late_penalty;
  }
  if (!s.unmatched.empty()) {
    json files = json::array();
    for (const auto& f : s.unmatched) files.push_back(escape_invalid_utf8(f));
    st["unmatched"] = std::move(files);
  }
  st["name"] = escape_invalid_utf8(s.name);
  st["total"] = s.total;
  st["max_total"] = s.max_total;
  st["passed"] = s.passed;
  json rs = json::array();
  for (const ExerciseResult& r : results) rs.push_back(result_to_json(r));
  st["results"] = std::move(rs);
  return st;
}

// `value` dumped with 2-space indentation as if nested `depth` spaces deep (no raw newline can
// occur inside a dumped string, so every newline starts a line of the structure).
void write_nested(std::ostream& out, const json& value, int depth) {
  const std::string text = value.dump(2);
  const std::string pad(static_cast<std::size_t>(depth), ' ');
  std::size_t from = 0;
  for (std::size_t nl; (nl = text.find('\n', from)) != std::string::npos; from = nl + 1)
    out.write(text.data() + from, static_cast<std::streamsize>(nl + 1 - from)) << pad;
  out.write(text.data() + from, static_cast<std::streamsize>(text.size() - from));
}

}  // namespace

void JsonReport::begin(const ClassResults& results) {
  // The text of one json document dumped with dump(2) (keys sorted), built one student at a time
  // so that memory does not grow with the class.
  due_ = results.has_due_date();
  out_ << "{\n  \"exercises\": ";
  write_nested(out_, exercises_value(results), 2);
  out_ << ",\n  \"format\": \"exengine-report\",\n  \"students\": ";
}

void JsonReport::student(const StudentRow& row, const std::vector<ExerciseResult>& results) {
  out_ << (any_ ? ",\n    " : "[\n    ");
  any_ = true;
  write_nested(out_, student_value(row, results, due_), 4);
}

void JsonReport::end(const ClassResults& results) {
  out_ << (any_ ? "\n  ]" : "[]");
  out_ << ",\n  \"summary\": ";
  write_nested(out_, summary_value(results), 2);
  out_ << ",\n  \"version\": 1\n}\n";
}

void write_json_report(const ClassResults& results, std::ostream& out) {
  JsonReport sink(out);
  write_report_sinks(results, {&sink});
}

std::string json_report(const ClassResults& results) {
  std::ostringstream out;
  write_json_report(results, out);
  return std::move(out).str();
}

std::vector<ExerciseResult> results_from_json_report(const json& report) {
  std::vector<ExerciseResult> out;
  if (!report.is_object() || report.value("format", "") != "exengine-report")
    throw ResultJsonError("report JSON: not an exengine report (no \"format\": \"exengine-report\")");
  for (const auto& s : report.at("students"))
    for (const auto& r : s.at("results")) out.push_back(result_from_json(r));
  return out;
}

}  // namespace exengine
