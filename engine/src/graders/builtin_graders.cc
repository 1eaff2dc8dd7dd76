#include "graders/builtin_graders.h"

#include "graders/grader_registry.h"

namespace exengine {

void register_builtin_graders(GraderRegistry& registry) {
  registry.add_grader("exact", "the output equals `expected`, byte for byte", &make_exact_grader);
  registry.add_grader("normalized", "like exact, ignoring trailing whitespace and blank lines (optionally case)",
                      &make_normalized_grader);
  registry.add_grader("unordered-lines", "the output's lines are the expected lines in any order",
                      &make_unordered_lines_grader);
  registry.add_grader("interleave", "the output is a legal interleaving of per-worker writes",
                      &make_interleave_grader);
  registry.add_grader("count-range", "between `min` and `max` lines match `pattern`", &make_count_range_grader);
  registry.add_grader("precede", "lines matching `first` come before lines matching `then`", &make_precede_grader);
  registry.add_grader("fields", "lines match `pattern`; their numeric fields satisfy `checks`", &make_fields_grader);
  registry.add_grader("timing", "the run's wall time lies in [`min_ms`, `max_ms`]", &make_timing_grader);
  registry.add_grader("any-of", "passes if any grader of `of` passes", &make_any_of_grader);
  registry.add_grader("all", "passes if every grader of `of` passes", &make_all_grader);
}

}  // namespace exengine
