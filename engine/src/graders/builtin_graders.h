// The built-in graders (docs/graders.md, "Built in"): one factory per grader, each in its own
// file (<name>_grader.cc), and the function that registers them all.
//
// Contract: each factory validates every option (unknown keys included) and throws OptionError
// naming the key; the graders it returns are immutable and safe to share between threads.
#pragma once

#include <memory>

#include "exengine/grader.h"

namespace exengine {

class GraderRegistry;

// Adds every built-in grader to `registry` (once, at start-up).
void register_builtin_graders(GraderRegistry& registry);

std::unique_ptr<Grader> make_exact_grader(const Options& options, const GraderHost& host);
std::unique_ptr<Grader> make_normalized_grader(const Options& options, const GraderHost& host);
std::unique_ptr<Grader> make_unordered_lines_grader(const Options& options, const GraderHost& host);
std::unique_ptr<Grader> make_interleave_grader(const Options& options, const GraderHost& host);
std::unique_ptr<Grader> make_count_range_grader(const Options& options, const GraderHost& host);
std::unique_ptr<Grader> make_precede_grader(const Options& options, const GraderHost& host);
std::unique_ptr<Grader> make_fields_grader(const Options& options, const GraderHost& host);
std::unique_ptr<Grader> make_timing_grader(const Options& options, const GraderHost& host);
std::unique_ptr<Grader> make_any_of_grader(const Options& options, const GraderHost& host);
std::unique_ptr<Grader> make_all_grader(const Options& options, const GraderHost& host);

}  // namespace exengine
