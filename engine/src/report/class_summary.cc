#include "report/class_summary.h"

#include "core/text.h"

namespace exengine {

void print_class_summary(std::ostream& out, const ClassResults& results, const std::filesystem::path& out_dir,
                         bool html_written) {
  double sum = 0, max_total = 0;
  for (const auto& s : results.students()) {
    sum += s.total;
    max_total = std::max(max_total, s.max_total);
  }
  const std::size_t n = results.students().size();
  out << n << (n == 1 ? " student, " : " students, ") << results.exercises().size() << " exercises, "
      << results.results().size() << " results: " << results.passed() << " passed\n";
  std::string counts;
  for (const auto& [verdict, count] : results.verdict_counts())
    counts += (counts.empty() ? "" : ", ") + verdict + " " + std::to_string(count);
  if (!counts.empty()) out << "verdicts: " << counts << "\n";
  if (const auto unchecked = results.probe_unavailable(); !unchecked.empty()) {
    // The behaviour of these was not checked (the probe could not attach): a TA's look decides.
    constexpr std::size_t kShown = 10;
    std::string list;
    for (std::size_t i = 0; i < unchecked.size() && i < kShown; ++i)
      list += (i ? ", " : "") + escape_for_terminal(unchecked[i]->student) + " " + unchecked[i]->exercise;
    if (unchecked.size() > kShown) list += ", and " + std::to_string(unchecked.size() - kShown) + " more";
    out << "probe unavailable, behaviour not checked (look at these): " << list << "\n";
  }
  if (n > 0) out << "mean score: " << format_points(sum / n) << " / " << format_points(max_total) << "\n";
  if (!results.absent().empty()) {
    std::string names;
    for (const auto& a : results.absent()) names += (names.empty() ? "" : ", ") + escape_for_terminal(a);
    out << "absent (not graded): " << names << "\n";
  }
  if (html_written) out << "report: " << (out_dir / "index.html").string() << "\n";
  else out << "reports in " << out_dir.string() << "\n";
}

}  // namespace exengine
