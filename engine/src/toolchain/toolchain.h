// Toolchain: how the engine turns a submission of one language into a running program. Declared in
// TOML (engine/toolchains.toml; see toolchain_config.h for the layering); the defaults below are
// the same values, so the engine still works when no file is found.
//
//   python: run the file with an interpreter.
//   cpp:    compile the file (ThreadSanitizer flags added in race mode), then run the binary.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace exengine {

// Limits of one compile step (and of building the precompiled header). Same meaning as Limits.
struct CompileLimits {
  double wall_s = 30;
  std::int64_t memory_mb = 1024;
  std::int64_t output_kb = 64;              // compiler diagnostics, stdout and stderr each
  std::int64_t file_size_kb = 256 * 1024;   // a precompiled header is ~70 MiB
  int processes = 32;                       // the driver, cc1plus, as, collect2, ld

  bool operator==(const CompileLimits&) const = default;
};

struct Toolchain {
  std::string language;                     // "python", "cpp"
  // Tier A: what of the host the interpreter or compiler (and the compiled program) needs, bound
  // read-only into the run's otherwise empty root (an instructor's toolchain adds its paths).
  std::vector<std::string> sandbox_paths;

  // python
  std::string interpreter;                  // empty: $EXENGINE_PYTHON or the first real python3

  // cpp
  std::string compiler = "g++";             // a name looked up on PATH, or an absolute path
  std::vector<std::string> flags;           // every compile
  std::vector<std::string> race_flags;      // race mode, after `flags` (later flags win)
  std::string race_options;                 // TSAN_OPTIONS of race-mode runs
  // Headers precompiled once per compiler and flag set, and included before the submission
  // (`-include`): a compile skips parsing them. Empty: no precompiled header.
  std::vector<std::string> precompiled_headers;
  CompileLimits compile_limits;

  bool operator==(const Toolchain&) const = default;
};

// The built-in defaults, equal to what engine/toolchains.toml declares (a test keeps them so).
Toolchain default_toolchain(const std::string& language);

// Every toolchain problem: one line, starting with the position ("toolchains.toml:3:1: ...") or
// the command-line option concerned ("--toolchain cpp.compilr=clang++: ...").
class ToolchainError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace exengine
