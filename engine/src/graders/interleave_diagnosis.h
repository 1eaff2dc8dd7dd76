// Explains why an output is not a legal interleaving, and builds the closest legal output to diff
// against. Used by the interleave grader once its search has rejected an output: first
// diagnose_line_breaks (every text there, only the line breaks wrong), else diagnose_interleaving.
// Both take time about linear in the output (a 1 MiB output is judged in well under a second).
//
// The output is read line by line; a line that is several expected texts run together (a torn
// line, "Task 0 runningTask 1 running") is split into them. Each text is matched to the worker
// that prints it, which yields what is missing, what is extra, and what one worker printed out of
// its own order. The closest legal output puts the expected lines where the output shows them
// (each worker's lines in its order, extra text dropped, missing lines after the worker's last
// one) and keeps the output's line breaks, so a torn but otherwise right line shows no difference.
//
// Contract: a pure function; safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graders/interleave_search.h"

namespace exengine {

struct InterleaveSpec {
  std::vector<std::string> before;                // the main thread's lines before the workers
  std::vector<std::vector<std::string>> workers;  // each worker's lines (texts without '\n')
  std::vector<std::string> after;                 // the main thread's lines after the workers
  std::vector<std::vector<std::vector<std::string>>> pieces;  // each worker's lines as the writes before '\n'
};

struct InterleaveDiagnosis {
  std::vector<std::string> problems;  // one sentence each, most important first; may be empty
  std::string closest;                // the closest legal output
};

InterleaveDiagnosis diagnose_interleaving(const InterleaveSpec& spec, std::string_view output);

// When every text is there, in an order the workers allow, and only the line breaks are wrong:
// names each extra or missing line break ("line 4 is an extra empty line", "a line break is
// missing after 'Task 0' in line 1") and returns the legal output that keeps every line break of
// the output that some worker could have written there. `flat` searches the workers' writes
// without their line breaks. Nothing (nullopt) when some text is missing, extra or out of order.
std::optional<InterleaveDiagnosis> diagnose_line_breaks(const InterleaveSpec& spec, const InterleaveSearch& flat,
                                                        std::string_view output);

}  // namespace exengine
