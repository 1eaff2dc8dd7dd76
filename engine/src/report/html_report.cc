#include "report/html_report.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstdio>
#include <sstream>
#include <vector>

#include "report/markup_escape.h"
#include "core/utf8_escape.h"

namespace exengine {
namespace {

constexpr std::size_t kShownOutputCap = 8 * 1024;  // bytes of stdout/stderr shown per result

std::string esc(std::string_view s) { return escape_markup(s); }

std::string percent(double fraction) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f%%", fraction * 100.0);
  return buf;
}

constexpr const char* kStyle = R"(body{font-family:system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}
th{background:#f3f3f3}pre{background:#f8f8f8;padding:.5em;overflow:auto;max-height:30em;white-space:pre-wrap}
.passed{color:#176f2c}.failed{color:#a31515}ul{margin:0;padding-left:1.2em}
svg text{font-size:11px}section.student{margin:1em 0})";

void summary_table(const ClassResults& results, std::string& out) {
  std::vector<double> totals;
  double max_total = 0;
  for (const auto& s : results.students()) {
    totals.push_back(s.total);
    max_total = std::max(max_total, s.max_total);
  }
  std::sort(totals.begin(), totals.end());
  double mean = 0, median = 0;
  if (!totals.empty()) {
    for (double t : totals) mean += t;
    mean /= totals.size();
    const std::size_t n = totals.size();
    median = n % 2 ? totals[n / 2] : (totals[n / 2 - 1] + totals[n / 2]) / 2;
  }
  const std::size_t count = results.result_count();
  auto row = [&](const char* key, const std::string& value) {
    out += "<tr><th>" + std::string(key) + "</th><td>" + value + "</td></tr>\n";
  };
  out += "<h2>Summary</h2>\n<table id=\"summary\">\n";
  row("Students", std::to_string(results.students().size()));
  row("Exercises", std::to_string(results.exercises().size()));
  row("Results", std::to_string(count));
  row("Passed", std::to_string(results.passed()) + " (" +
                    percent(count ? double(results.passed()) / count : 0.0) + ")");
  row("Mean score", format_points(mean) + " / " + format_points(max_total));
  row("Median score", format_points(median) + " / " + format_points(max_total));
  if (const int reduced = results.reduced_recorded_count(); reduced > 0) row("Reduced isolation", std::to_string(reduced) + " of " + std::to_string(count) + " results");
  std::vector<std::string> verdicts;
  for (const auto& [v, n] : results.verdict_counts()) verdicts.push_back(esc(v) + ": " + std::to_string(n));
  row("Verdicts", fmt::to_string(fmt::join(verdicts, ", ")));
  if (!results.absent().empty()) {
    std::vector<std::string> names;
    for (const auto& n : results.absent()) names.push_back(esc(escape_invalid_utf8(n)));
    row("Absent (not graded)", fmt::to_string(fmt::join(names, ", ")));
  }
  out += "</table>\n";
}

void distribution_chart(const ClassResults& results, std::string& out) {
  constexpr int kBins = 10, kWidth = 40, kHeight = 120, kTop = 16, kBottom = 34;
  int bins[kBins] = {};
  for (const auto& s : results.students()) {
    double f = s.max_total > 0 ? s.total / s.max_total : 0.0;
    int b = std::clamp(static_cast<int>(f * kBins), 0, kBins - 1);
    ++bins[b];
  }
  const int most = std::max(1, *std::max_element(bins, bins + kBins));
  const int w = kBins * kWidth + 20, h = kTop + kHeight + kBottom;
  out += "<h2>Score distribution</h2>\n<svg id=\"distribution\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" +
         std::to_string(w) + "\" height=\"" + std::to_string(h) + "\" role=\"img\" aria-label=\"students per score band\">\n";
  for (int b = 0; b < kBins; ++b) {
    const int bar = bins[b] * kHeight / most;
    const int x = 10 + b * kWidth;
    const int y = kTop + kHeight - bar;
    out += "<rect x=\"" + std::to_string(x + 4) + "\" y=\"" + std::to_string(y) + "\" width=\"" +
           std::to_string(kWidth - 8) + "\" height=\"" + std::to_string(bar) + "\" fill=\"#4a78b5\"><title>" +
           std::to_string(b * 10) + "-" + std::to_string(b * 10 + 10) + "%: " + std::to_string(bins[b]) +
           "</title></rect>";
    out += "<text x=\"" + std::to_string(x + kWidth / 2) + "\" y=\"" + std::to_string(y - 3) +
           "\" text-anchor=\"middle\">" + std::to_string(bins[b]) + "</text>";
    out += "<text x=\"" + std::to_string(x + kWidth / 2) + "\" y=\"" + std::to_string(kTop + kHeight + 14) +
           "\" text-anchor=\"middle\">" + std::to_string(b * 10) + "%</text>\n";
  }
  out += "<text x=\"" + std::to_string(w / 2) + "\" y=\"" + std::to_string(h - 4) +
         "\" text-anchor=\"middle\">share of the points (lower bound of each band)</text>\n</svg>\n";
}

void exercise_table(const ClassResults& results, std::string& out) {
  out += "<h2>Exercises</h2>\n<table id=\"exercises\">\n<tr><th>Exercise</th><th>Points</th><th>Graded</th>"
         "<th>Passed</th><th>Pass rate</th><th>Most common failures</th></tr>\n";
  for (const auto& col : results.exercises()) {
    out += "<tr><td>" + esc(col.id) + "</td><td>" + format_points(col.max_score) + "</td><td>" +
           std::to_string(col.attempted) + "</td><td>" + std::to_string(col.passed) + "</td><td>" +
           percent(col.attempted ? double(col.passed) / col.attempted : 0.0) + "</td><td>";
    if (!col.top_failures.empty()) {
      out += "<ul>";
      for (const auto& [message, n] : col.top_failures)
        out += "<li>" + esc(message) + " <small>(" + std::to_string(n) + ")</small></li>";
      out += "</ul>";
    }
    out += "</td></tr>\n";
  }
  out += "</table>\n";
}

void student_table(const ClassResults& results, std::string& out) {
  const bool late = results.has_due_date();
  out += std::string("<h2>Students</h2>\n<table id=\"students\">\n<tr><th>Student</th><th>Score</th><th>Passed</th>") +
         (late ? "<th>Late</th>" : "") + "</tr>\n";
  std::size_t i = 0;
  for (const auto& s : results.students()) {
    out += "<tr><td><a href=\"#student-" + std::to_string(++i) + "\">" + esc(s.name) + "</a></td><td>" +
           format_points(s.total) + " / " + format_points(s.max_total) + "</td><td>" + std::to_string(s.passed) +
           " / " + std::to_string(s.results.size()) + "</td>";
    if (late)
      out += "<td>" + (s.late_days ? std::to_string(s.late_days) + (s.late_days == 1 ? " day, -" : " days, -") +
                                         format_points(s.late_penalty) + " points"
                                   : std::string("on time")) + "</td>";
    out += "</tr>\n";
  }
  out += "</table>\n";
}

void pre_block(const char* label, const std::string& text, std::string& out) {
  if (text.empty()) return;
  std::string shown(utf8_prefix(text, kShownOutputCap));
  if (shown.size() < text.size()) shown += "\n[... " + std::to_string(text.size() - shown.size()) + " more bytes]";
  out += "<p>" + std::string(label) + "</p><pre>" + esc(shown) + "</pre>";
}

void student_section(const StudentRow& s, const std::vector<ExerciseResult>& results, std::size_t i,
                     std::string& out) {
  out += "<section class=\"student\" id=\"student-" + std::to_string(i) + "\">\n<h3>" + esc(s.name) + " &mdash; " +
         format_points(s.total) + " / " + format_points(s.max_total) + "</h3>\n<table>\n"
         "<tr><th>Exercise</th><th>Verdict</th><th>Points</th><th>Details</th></tr>\n";
  for (const ExerciseResult& result : results) {
    const ExerciseResult* r = &result;
    const bool ok = r->verdict == Verdict::passed;
    out += "<tr><td>" + esc(r->exercise) + "</td><td class=\"" + (ok ? "passed" : "failed") + "\">" +
           std::string(to_string(r->verdict)) + "</td><td>" + format_points(r->score) + " / " +
           format_points(r->max_score) + "</td><td>";
    if (!r->message.empty()) out += esc(r->message);
    if (r->isolation.recorded() && !r->isolation.full())
      out += "<p class=\"isolation\">reduced isolation: " + esc(r->isolation.shortfall()) + "</p>";
    if (!ok && (!r->diff.empty() || !r->stdout_text.empty() || !r->stderr_text.empty())) {
      out += "<details><summary>diff and output</summary>";
      pre_block("Diff", r->diff, out);
      pre_block("Output", r->stdout_text, out);
      pre_block("Errors", r->stderr_text, out);
      out += "</details>";
    }
    out += "</td></tr>\n";
  }
  out += "</table>\n";
  if (s.late_days > 0)
    out += "<p class=\"late\">" + std::to_string(s.late_days) + (s.late_days == 1 ? " day" : " days") +
           " late: " + format_points(s.late_penalty) + " points deducted</p>\n";
  if (!s.unmatched.empty()) {
    out += "<p>Files that matched no exercise:</p>\n<ul class=\"unmatched\">";
    for (const auto& f : s.unmatched) out += "<li>" + esc(escape_invalid_utf8(f)) + "</li>";
    out += "</ul>\n";
  }
  out += "</section>\n";
}

}  // namespace

void HtmlReport::begin(const ClassResults& results) {
  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
         "<title>exengine class report</title>\n<style>";
  out += kStyle;
  out += "</style>\n</head>\n<body>\n<h1>Class report</h1>\n";
  summary_table(results, out);
  distribution_chart(results, out);
  exercise_table(results, out);
  student_table(results, out);
  out += "<h2>Per student</h2>\n";
  out_ << out;
}

void HtmlReport::student(const StudentRow& row, const std::vector<ExerciseResult>& results) {
  std::string out;
  student_section(row, results, ++index_, out);
  out_ << out;
}

void HtmlReport::end(const ClassResults&) { out_ << "</body>\n</html>\n"; }

std::string html_report(const ClassResults& results) {
  std::ostringstream out;
  HtmlReport sink(out);
  write_report_sinks(results, {&sink});
  return std::move(out).str();
}

}  // namespace exengine
