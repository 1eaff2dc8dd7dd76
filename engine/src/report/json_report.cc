#include "report/json_report.h"

#include <cmath>

#include "report/result_json.h"
#include "report/utf8_escape.h"

namespace exengine {
using nlohmann::json;
namespace {

double round2(double x) { return std::round(x * 100.0) / 100.0; }

}  // namespace

json json_report_value(const ClassResults& results) {
  json summary = json::object();
  summary["students"] = results.students().size();
  summary["exercises"] = results.exercises().size();
  summary["results"] = results.results().size();
  summary["passed"] = results.passed();
  summary["verdicts"] = results.verdict_counts();
  double sum = 0, max_total = 0;
  for (const auto& s : results.students()) {
    sum += s.total;
    max_total = std::max(max_total, s.max_total);
  }
  summary["mean_score"] = results.students().empty() ? 0.0 : round2(sum / results.students().size());
  summary["max_total"] = max_total;

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

  json students = json::array();
  for (const auto& s : results.students()) {
    json st = json::object();
    st["name"] = escape_invalid_utf8(s.name);
    st["total"] = s.total;
    st["max_total"] = s.max_total;
    st["passed"] = s.passed;
    json rs = json::array();
    for (const ExerciseResult* r : s.results) rs.push_back(result_to_json(*r));
    st["results"] = std::move(rs);
    students.push_back(std::move(st));
  }

  json report = json::object();
  report["format"] = "exengine-report";
  report["version"] = 1;
  report["summary"] = std::move(summary);
  report["exercises"] = std::move(exercises);
  report["students"] = std::move(students);
  return report;
}

std::string json_report(const ClassResults& results) { return json_report_value(results).dump(2) + "\n"; }

std::vector<ExerciseResult> results_from_json_report(const json& report) {
  std::vector<ExerciseResult> out;
  if (!report.is_object() || report.value("format", "") != "exengine-report")
    throw ResultJsonError("report JSON: not an exengine report (no \"format\": \"exengine-report\")");
  for (const auto& s : report.at("students"))
    for (const auto& r : s.at("results")) out.push_back(result_from_json(r));
  return out;
}

}  // namespace exengine
