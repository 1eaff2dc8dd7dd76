// CommandRunner: runs a trusted helper program (a job engine's client: sbatch, scontrol) to
// completion and returns what it printed. Not for submissions: no sandbox, no limits.
//
// Contract
// - argv[0] is a program name looked up on PATH, or a path; the environment is the engine's own.
// - Never throws for what the program does: a program that cannot be started has started = false
//   and `error` saying why (not_found: it is not on PATH); otherwise exit_code (a signal is 128 +
//   its number), out and err.
// - Thread-compatible (one call at a time per runner is enough for its users).
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace exengine {

struct CommandResult {
  bool started = false;
  bool not_found = false;  // the program is not on PATH (or not executable)
  std::string error;       // why it did not start
  int exit_code = -1;
  std::string out, err;
};

class CommandRunner {
 public:
  virtual ~CommandRunner() = default;
  virtual CommandResult run(const std::vector<std::string>& argv) = 0;
};

// The real one (Boost.Process).
std::unique_ptr<CommandRunner> make_command_runner();

// `name` found on PATH (an absolute path), or empty.
std::filesystem::path find_on_path(const std::string& name);

}  // namespace exengine
