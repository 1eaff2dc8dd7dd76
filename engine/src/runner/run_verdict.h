// RunVerdict: what the engine concludes from a run alone, before any grader looks at the output.
//
// Contract: a pure function of (RunOutcome, Limits); thread-safe; never throws. Precedence:
// internal-error > timeout > memory-limit > runtime-error > output-limit. nullopt means the run
// finished cleanly within every limit and the grader decides. Messages are one line, written for
// a learner.
#pragma once

#include <optional>
#include <string>

#include "exengine/verdict.h"
#include "core/limits.h"
#include "runner/process_runner.h"

namespace exengine {

struct RunVerdict {
  Verdict verdict = Verdict::internal_error;
  std::string message;
};

std::optional<RunVerdict> run_verdict(const RunOutcome& run, const Limits& limits);

// "SIGSEGV (segmentation fault)"; "signal 77" for a number without a name.
std::string describe_signal(int signal);

}  // namespace exengine
