#include "report/class_summary.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

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
  std::vector<std::string> counts;
  for (const auto& [verdict, count] : results.verdict_counts()) counts.push_back(verdict + " " + std::to_string(count));
  if (!counts.empty()) out << fmt::format("verdicts: {}\n", fmt::join(counts, ", "));
  if (n > 0) out << "mean score: " << format_points(sum / n) << " / " << format_points(max_total) << "\n";
  if (html_written) out << "report: " << (out_dir / "index.html").string() << "\n";
  else out << "reports in " << out_dir.string() << "\n";
}

}  // namespace exengine
