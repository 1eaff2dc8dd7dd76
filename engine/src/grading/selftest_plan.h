// SelftestPlan: what `exengine selftest` and `exengine plugin check` run for a set of topics, and
// what each run must give: references and the seed's code pass; known-bad solutions fail, with the
// verdict and message they declare in their first lines (`# expect: wrong-output`,
// `# message: started 1 thread`; `//` in C++).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "grading/checker.h"

namespace exengine {

class Catalog;

enum class SelftestKind { reference, seed, known_bad, missing_reference };
constexpr std::string_view to_string(SelftestKind k) {
  switch (k) {
    case SelftestKind::reference: return "reference";
    case SelftestKind::seed: return "seed";
    case SelftestKind::known_bad: return "bad";
    case SelftestKind::missing_reference: return "reference";
  }
  return "?";
}

struct SelftestItem {
  SelftestKind kind;
  CheckRequest request;
  std::optional<Verdict> expect_verdict;  // known-bad only: the declared verdict
  std::string expect_message;             // known-bad only: text the message must contain
};

// Items for every exercise of `topics` (all topics when empty), per language the exercise takes.
std::vector<SelftestItem> selftest_plan(const Catalog& catalog, const std::vector<std::string>& topics);

// Empty when `result` is what `item` expects; else one line saying what differs.
std::string selftest_mismatch(const SelftestItem& item, const ExerciseResult& result);

// Reads `# expect:` / `# message:` (or `//`) header lines from the first lines of `file`.
void read_expectations(const std::filesystem::path& file, std::optional<Verdict>& verdict, std::string& message);

}  // namespace exengine
