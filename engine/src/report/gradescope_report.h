// GradescopeReport: gradescope/<student>/results.json in Gradescope's autograder schema:
//
//   { "score": total points, "execution_time": whole seconds (measured), "output": summary,
//     "visibility": "visible", "stdout_visibility": "hidden",
//     "tests": [ { "name": exercise id, "number": "1"..., "score", "max_score",
//                  "status": "passed" | "failed", "output": verdict, message and diff,
//                  "visibility": "visible" } ] }
//
// Contract: one document per student, keyed by the student's name; tests sorted by exercise id and
// numbered from 1; text escaped to valid UTF-8 (each test's output capped at kTestOutputCap bytes);
// deterministic apart from execution_time.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "report/report_sink.h"

namespace exengine {

inline constexpr std::size_t kTestOutputCap = 16 * 1024;

// Hands each student's results.json text (2-space indentation, "\n" at the end) to `write`.
class GradescopeReport : public ReportSink {
 public:
  using Write = std::function<void(const std::string& student, const std::string& text)>;
  explicit GradescopeReport(Write write) : write_(std::move(write)) {}
  void student(const StudentRow& row, const std::vector<ExerciseResult>& results) override;

 private:
  Write write_;
};

// student name -> results.json text (all in memory: for tests and small classes).
std::map<std::string, std::string> gradescope_reports(const ClassResults& results);
nlohmann::json gradescope_result(const StudentRow& student, const std::vector<ExerciseResult>& results);

}  // namespace exengine
