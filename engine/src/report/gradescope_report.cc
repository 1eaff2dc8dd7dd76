#include "report/gradescope_report.h"

#include <cmath>

#include "core/utf8_escape.h"

namespace exengine {
using nlohmann::json;

json gradescope_result(const StudentRow& student, const std::vector<ExerciseResult>& results) {
  json tests = json::array();
  double ms = 0;
  int number = 0;
  for (const ExerciseResult& result : results) {
    const ExerciseResult* r = &result;
    ms += r->wall_ms;
    std::string output = std::string(to_string(r->verdict));
    if (!r->message.empty()) output += ": " + r->message;
    if (!r->diff.empty()) output += "\n\n" + r->diff;
    json t = json::object();
    t["name"] = escape_invalid_utf8(r->exercise);
    t["number"] = std::to_string(++number);
    t["score"] = r->score;
    t["max_score"] = r->max_score;
    t["status"] = r->verdict == Verdict::passed ? "passed" : "failed";
    t["output"] = escape_invalid_utf8(utf8_prefix(output, kTestOutputCap));
    t["visibility"] = r->visibility.empty() ? "visible" : escape_invalid_utf8(r->visibility);
    tests.push_back(std::move(t));
  }
  json out = json::object();
  out["score"] = student.total;
  out["execution_time"] = static_cast<long long>(std::ceil(ms / 1000.0));
  std::string summary = std::to_string(student.passed) + " of " + std::to_string(results.size()) +
                        " exercises passed";
  if (student.late_days > 0)
    summary += "; " + std::to_string(student.late_days) + (student.late_days == 1 ? " day" : " days") +
               " late: " + format_points(student.late_penalty) + " points deducted";
  if (!student.unmatched.empty()) {
    summary += "; files that matched no exercise:";
    for (const auto& f : student.unmatched) summary += " " + f;
  }
  out["output"] = escape_invalid_utf8(utf8_prefix(summary, kTestOutputCap));
  out["visibility"] = "visible";
  out["stdout_visibility"] = "hidden";
  out["tests"] = std::move(tests);
  return out;
}

void GradescopeReport::student(const StudentRow& row, const std::vector<ExerciseResult>& results) {
  write_(row.name, gradescope_result(row, results).dump(2) + "\n");
}

std::map<std::string, std::string> gradescope_reports(const ClassResults& results) {
  std::map<std::string, std::string> out;
  GradescopeReport sink([&](const std::string& student, const std::string& text) { out[student] = text; });
  write_report_sinks(results, {&sink});
  return out;
}

}  // namespace exengine
