#include "report/result_printer.h"

#include <algorithm>
#include <ostream>

#include <fmt/format.h>

#include "core/text.h"

namespace exengine {

namespace {

// Each line of `text` (escaped, newlines kept) on its own output line after `prefix`.
void print_indented(std::ostream& out, const std::string& prefix, const std::string& text) {
  const std::string escaped = escape_for_terminal(text, true);
  std::size_t start = 0;
  while (start < escaped.size()) {
    std::size_t end = escaped.find('\n', start);
    if (end == std::string::npos) end = escaped.size();
    out << prefix << escaped.substr(start, end - start) << "\n";
    start = end + 1;
  }
}

}  // namespace

std::string ResultPrinter::paint(Verdict v, const std::string& text) const {
  if (!color_) return text;
  const char* code = v == Verdict::passed ? "32" : v == Verdict::missing ? "33" : "31";
  return fmt::format("\x1b[{}m{}\x1b[0m", code, text);
}

void ResultPrinter::table(const std::vector<ExerciseResult>& results) const {
  std::size_t width = 8;
  for (const auto& r : results) width = std::max(width, r.exercise.size());
  for (const auto& r : results) {
    std::string verdict = fmt::format("{:<14}", to_string(r.verdict));
    std::string extra;
    if (r.trials.size() > 1) extra += fmt::format("  {}/{} trials", r.trials_passed, r.trials.size());
    if (r.compiled) extra += r.cache_hit ? "  (compile cached)" : "  (compiled)";
    std::string time = r.verdict == Verdict::missing ? std::string(8, ' ') : fmt::format("{:>6.2f} s", r.wall_ms / 1000.0);
    out_ << fmt::format("{:<{}}  {}{}  {:>5}/{:<3} {}{}\n", r.exercise, width, paint(r.verdict, verdict), time,
                        format_points(r.score, 1), format_points(r.max_score, 1), escape_for_terminal(r.file), extra);
  }
}

void ResultPrinter::output_block(const std::string& title, const std::string& text) const {
  out_ << "  " << title << ":\n";
  print_indented(out_, "    | ", truncate_text(text, 4000));
  if (!text.empty() && text.back() != '\n') out_ << "    (no newline at the end)\n";
}

void ResultPrinter::explanations(const std::vector<ExerciseResult>& results) const {
  for (const auto& r : results) {
    if (r.verdict == Verdict::passed) continue;
    out_ << "\n" << paint(r.verdict, fmt::format("── {} ({}): {}", r.exercise, escape_for_terminal(r.file), to_string(r.verdict)))
         << "\n";
    if (!r.message.empty()) out_ << "  " << escape_for_terminal(r.message, false) << "\n";
    if (!r.diff.empty()) {
      out_ << "  diff (- expected, + your output):\n";
      print_indented(out_, "    ", r.diff);
    } else if (r.verdict == Verdict::wrong_output || r.verdict == Verdict::runtime_error ||
               r.verdict == Verdict::timeout || r.verdict == Verdict::output_limit) {
      if (!r.stdout_text.empty()) output_block("your output", r.stdout_text);
    }
    if ((r.verdict == Verdict::runtime_error || r.verdict == Verdict::compile_error) && !r.stderr_text.empty())
      output_block("stderr", r.stderr_text);
  }
}

void ResultPrinter::summary(const std::vector<ExerciseResult>& results) const {
  std::size_t passed = 0;
  double score = 0, max = 0;
  for (const auto& r : results) {
    passed += r.verdict == Verdict::passed;
    score += r.score;
    max += r.max_score;
  }
  out_ << fmt::format("\n{} of {} passed, {}/{} points\n", passed, results.size(), format_points(score, 1),
                      format_points(max, 1));
}

void ResultPrinter::all(const std::vector<ExerciseResult>& results) const {
  table(results);
  explanations(results);
  summary(results);
}

}  // namespace exengine
