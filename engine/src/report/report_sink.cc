#include "report/report_sink.h"

#include <algorithm>

namespace exengine {

void write_report_sinks(const ClassResults& results, const std::vector<ReportSink*>& sinks) {
  const bool load = std::any_of(sinks.begin(), sinks.end(), [](const ReportSink* s) { return s->needs_results(); });
  for (ReportSink* s : sinks) s->begin(results);
  const std::vector<ExerciseResult> none;
  for (const StudentRow& row : results.students()) {
    const std::vector<ExerciseResult> loaded = load ? results.load(row) : none;
    for (ReportSink* s : sinks) s->student(row, loaded);
  }
  for (ReportSink* s : sinks) s->end(results);
}

}  // namespace exengine
