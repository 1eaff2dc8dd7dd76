#include "report/junit_report.h"

#include <cstdio>
#include <sstream>

#include "report/markup_escape.h"

namespace exengine {
namespace {

std::string seconds(double ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", ms / 1000.0);
  return buf;
}

std::string topic_of(const std::string& id) {
  auto slash = id.find('/');
  return slash == std::string::npos ? id : id.substr(0, slash);
}

std::string failure_body(const ExerciseResult& r) {
  std::string body = r.message;
  if (!r.diff.empty()) body += (body.empty() ? "" : "\n") + r.diff;
  if (!r.stderr_text.empty()) body += (body.empty() ? "" : "\n") + std::string("stderr:\n") + r.stderr_text;
  return body;
}

}  // namespace

void JunitReport::begin(const ClassResults& results) {
  int failures = 0, errors = 0;
  for (const auto& [verdict, n] : results.verdict_counts()) {
    if (verdict == to_string(Verdict::internal_error)) errors += n;
    else if (verdict != to_string(Verdict::passed)) failures += n;
  }
  out_ << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out_ << "<testsuites name=\"exengine\" tests=\"" << results.result_count() << "\" failures=\"" << failures
       << "\" errors=\"" << errors << "\">\n";
}

void JunitReport::student(const StudentRow& s, const std::vector<ExerciseResult>& results) {
  int f = 0, e = 0;
  double ms = 0;
  for (const ExerciseResult& r : results) {
    if (r.verdict == Verdict::internal_error) ++e;
    else if (r.verdict != Verdict::passed) ++f;
    ms += r.wall_ms;
  }
  std::string out = "  <testsuite name=\"" + escape_markup(s.name) + "\" tests=\"" + std::to_string(results.size()) +
                    "\" failures=\"" + std::to_string(f) + "\" errors=\"" + std::to_string(e) + "\" time=\"" +
                    seconds(ms) + "\">\n";
  out += "    <properties>\n      <property name=\"score\" value=\"" + format_points(s.total) +
         "\"/>\n      <property name=\"max_score\" value=\"" + format_points(s.max_total) +
         "\"/>\n    </properties>\n";
  for (const ExerciseResult& result : results) {
    const ExerciseResult* r = &result;
    out += "    <testcase classname=\"" + escape_markup(s.name + "." + topic_of(r->exercise)) + "\" name=\"" +
           escape_markup(r->exercise) + "\" time=\"" + seconds(r->wall_ms) + "\"";
    if (r->verdict == Verdict::passed) {
      out += "/>\n";
      continue;
    }
    const char* tag = r->verdict == Verdict::internal_error ? "error" : "failure";
    out += ">\n      <" + std::string(tag) + " type=\"" + std::string(to_string(r->verdict)) + "\" message=\"" +
           escape_markup(r->message) + "\">" + escape_markup(failure_body(*r)) + "</" + tag + ">\n";
    if (!r->stdout_text.empty()) out += "      <system-out>" + escape_markup(r->stdout_text) + "</system-out>\n";
    out += "    </testcase>\n";
  }
  out += "  </testsuite>\n";
  out_ << out;
}

void JunitReport::end(const ClassResults&) { out_ << "</testsuites>\n"; }

std::string junit_report(const ClassResults& results) {
  std::ostringstream out;
  JunitReport sink(out);
  write_report_sinks(results, {&sink});
  return std::move(out).str();
}

}  // namespace exengine
