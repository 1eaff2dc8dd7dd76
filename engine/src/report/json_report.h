// JsonReport: report.json, everything a batch produced, including per-trial detail and probe
// records (each result in the form of result_json.h).
//
//   { "format": "exengine-report", "version": 1,
//     "summary": { "students", "exercises", "results", "passed", "verdicts": {name: count},
//                  "mean_score", "max_total", "absent": [names] (only when some are) },
//     "exercises": [ { "id", "max_score", "attempted", "passed", "pass_rate", "verdicts",
//                      "top_failures": [ { "message", "count" } ] } ],
//     "students": [ { "name", "total", "max_total", "passed", "results": [ result... ] } ] }
//
// Contract: deterministic (sorted keys, sorted arrays, no timestamps); the only fields that vary
// between two runs of the same submissions are the results' measured figures (wall_ms, cpu_ms,
// peak_rss_kb) and whatever nondeterministic programs printed.
#pragma once

#include <iosfwd>
#include <string>

#include <nlohmann/json.hpp>

#include "report/report_sink.h"

namespace exengine {

// Written one student at a time (memory does not grow with the class); the same text as the
// whole document dumped with 2-space indentation, "\n" at the end.
class JsonReport : public ReportSink {
 public:
  explicit JsonReport(std::ostream& out) : out_(out) {}
  void begin(const ClassResults& results) override;
  void student(const StudentRow& row, const std::vector<ExerciseResult>& results) override;
  void end(const ClassResults& results) override;

 private:
  std::ostream& out_;
  bool any_ = false;
  bool due_ = false;  // an assignment's due date applied: students carry late_days, late_penalty
};

void write_json_report(const ClassResults& results, std::ostream& out);
std::string json_report(const ClassResults& results);

// Reads the results back from a report.json (used by `merge` when a shard has no journal).
std::vector<ExerciseResult> results_from_json_report(const nlohmann::json& report);

}  // namespace exengine
