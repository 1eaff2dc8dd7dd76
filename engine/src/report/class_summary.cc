#include "report/class_summary.h"

#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>

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
      << results.result_count() << " results: " << results.passed() << " passed\n";
  std::vector<std::string> counts;
  for (const auto& [verdict, count] : results.verdict_counts()) counts.push_back(verdict + " " + std::to_string(count));
  if (!counts.empty()) out << fmt::format("verdicts: {}\n", fmt::join(counts, ", "));
  if (const auto& unchecked = results.probe_unavailable(); !unchecked.empty()) {
    // The behaviour of these was not checked (the probe could not attach): a TA's look decides.
    constexpr std::size_t kShown = 10;
    std::vector<std::string> list;
    for (std::size_t i = 0; i < unchecked.size() && i < kShown; ++i)
      list.push_back(escape_for_terminal(unchecked[i].first) + " " + unchecked[i].second);
    if (unchecked.size() > kShown) list.push_back("and " + std::to_string(unchecked.size() - kShown) + " more");
    out << fmt::format("probe unavailable, behaviour not checked (look at these): {}\n", fmt::join(list, ", "));
  }
  // Less than full isolation (core/isolation.h): the limits or the containment a verdict relied on
  // may not have held. Counted per shortfall.
  if (const int n_reduced = results.reduced_isolation_count(); n_reduced > 0) {
    std::vector<std::string> why;
    for (const auto& [shortfall, count] : results.reduced_isolation())
      why.push_back(fmt::format("{} ({})", shortfall, count));
    out << fmt::format("warning: {} of {} results ran with less than full isolation: {}\n", n_reduced,
                       results.result_count(), fmt::join(why, ", "));
  }
  if (n > 0) out << "mean score: " << format_points(sum / n) << " / " << format_points(max_total) << "\n";
  {
    // Lateness and stray files, per student (names escaped; at most kShown of each).
    constexpr std::size_t kShown = 10;
    std::vector<std::string> late, stray;
    for (const auto& s : results.students()) {
      if (s.late_days > 0)
        late.push_back(fmt::format("{} {} {} (-{} points)", escape_for_terminal(s.name), s.late_days,
                                   s.late_days == 1 ? "day" : "days", format_points(s.late_penalty)));
      if (!s.unmatched.empty()) stray.push_back(fmt::format("{} {}", escape_for_terminal(s.name), s.unmatched.size()));
    }
    auto shown = [&](std::vector<std::string> list) {
      if (list.size() > kShown) {
        const std::size_t more = list.size() - kShown;
        list.resize(kShown);
        list.push_back("and " + std::to_string(more) + " more");
      }
      return fmt::to_string(fmt::join(list, ", "));
    };
    if (!late.empty()) out << "late: " << shown(late) << "\n";
    if (!stray.empty()) out << "files that matched no exercise (see the report): " << shown(stray) << "\n";
  }
  if (!results.absent().empty()) {
    std::vector<std::string> names;
    for (const auto& a : results.absent()) names.push_back(escape_for_terminal(a));
    out << fmt::format("absent (not graded): {}\n", fmt::join(names, ", "));
  }
  if (html_written) out << "report: " << (out_dir / "index.html").string() << "\n";
  else out << "reports in " << out_dir.string() << "\n";
}

}  // namespace exengine
