// CompileDiagnostics: the compiler's messages as a learner should see them in a compile-error.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace exengine {

// The first `max_lines` lines of `output`, with every occurrence of each of `strip` (directory
// prefixes such as the run directory or the cache folder, each ending in '/') removed, so paths
// read relative to the submission ("counter.cpp:3:5: error: ..."). Lines about the engine's own
// precompiled header ("In file included from <command-line>:") are dropped. When lines were cut,
// a last line says how many: "... (12 more lines)".
std::string trim_diagnostics(std::string_view output, const std::vector<std::string>& strip,
                             std::size_t max_lines = 20);

}  // namespace exengine
