#include "report/junit_report.h"

#include <cstdio>

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

std::string junit_report(const ClassResults& results) {
  int tests = 0, failures = 0, errors = 0;
  for (const auto& r : results.results()) {
    ++tests;
    if (r.verdict == Verdict::internal_error) ++errors;
    else if (r.verdict != Verdict::passed) ++failures;
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<testsuites name=\"exengine\" tests=\"" + std::to_string(tests) + "\" failures=\"" +
         std::to_string(failures) + "\" errors=\"" + std::to_string(errors) + "\">\n";
  for (const auto& s : results.students()) {
    int f = 0, e = 0;
    double ms = 0;
    for (const ExerciseResult* r : s.results) {
      if (r->verdict == Verdict::internal_error) ++e;
      else if (r->verdict != Verdict::passed) ++f;
      ms += r->wall_ms;
    }
    out += "  <testsuite name=\"" + escape_markup(s.name) + "\" tests=\"" + std::to_string(s.results.size()) +
           "\" failures=\"" + std::to_string(f) + "\" errors=\"" + std::to_string(e) + "\" time=\"" +
           seconds(ms) + "\">\n";
    out += "    <properties>\n      <property name=\"score\" value=\"" + format_points(s.total) +
           "\"/>\n      <property name=\"max_score\" value=\"" + format_points(s.max_total) +
           "\"/>\n    </properties>\n";
    for (const ExerciseResult* r : s.results) {
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
  }
  out += "</testsuites>\n";
  return out;
}

}  // namespace exengine
