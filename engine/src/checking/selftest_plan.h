// SelftestPlan: what `exengine selftest` and `exengine plugin check` run for a set of topics, and
// what each run must give: references and the seed's code pass; known-bad solutions fail, with the
// verdict and message they declare in their first lines (`# expect: wrong-output`,
// `# message: started 1 thread`; `//` in C++). Every passed reference of an exercise with
// behaviour requirements is then replayed by a cheat (replay_cheat.h) that prints the same output
// without the construct; the cheat must fail with the requirement's teaching sentence.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "checking/checker.h"

namespace exengine {

class Catalog;

enum class SelftestKind { reference, seed, known_bad, missing_reference, cheat };
constexpr std::string_view to_string(SelftestKind k) {
  switch (k) {
    case SelftestKind::reference: return "reference";
    case SelftestKind::seed: return "seed";
    case SelftestKind::known_bad: return "bad";
    case SelftestKind::missing_reference: return "reference";
    case SelftestKind::cheat: return "cheat";
  }
  return "?";
}

struct SelftestItem {
  SelftestKind kind;
  CheckRequest request;
  std::optional<Verdict> expect_verdict;  // known-bad and cheat: the verdict it must get
  std::string expect_message;             // known-bad and cheat: text the message must contain
  bool probe_unavailable = false;         // cheat: the reference's requirements went unchecked
};

// Items for every exercise of `topics` (all topics when empty), per language the exercise takes.
std::vector<SelftestItem> selftest_plan(const Catalog& catalog, const std::vector<std::string>& topics);

// The replay cheat for a reference run (`reference` with its `result`), written into `dir`; nullopt
// when there is none to make: the reference did not pass, its output was longer than a result
// keeps (kStoredOutputCap), or its exercise has no requirement that a program without threads,
// processes, pools, locks and queues breaks. Throws std::runtime_error
// when the file cannot be written.
std::optional<SelftestItem> replay_cheat_item(const SelftestItem& reference, const ExerciseResult& result,
                                              const std::filesystem::path& dir);

// The construct cheats (replay_cheat.h: ConstructCheat) for a passed reference: one per mistake
// the exercise's requirements name (a start-join loop for max_unjoined_threads, target=f() for
// idle_threads, an unused pool for pool_tasks, a parent that talks to itself for child_queue_puts,
// ...), in the reference's language, written into `dir`. Each must fail with that requirement's
// teaching sentence, predicted from the counters the cheat makes. Throws std::runtime_error when a
// file cannot be written.
std::vector<SelftestItem> construct_cheat_items(const SelftestItem& reference, const ExerciseResult& result,
                                                const std::filesystem::path& dir);

// Empty when `result` is what `item` expects; else one line saying what differs.
std::string selftest_mismatch(const SelftestItem& item, const ExerciseResult& result);

// A remark for an expected result worth a word (a cheat that could not be caught because the probe
// is unavailable); empty otherwise.
std::string selftest_note(const SelftestItem& item, const ExerciseResult& result);

// Reads `# expect:` / `# message:` (or `//`) header lines from the first lines of `file`.
void read_expectations(const std::filesystem::path& file, std::optional<Verdict>& verdict, std::string& message);

}  // namespace exengine
