// ProcessRunner: the one interface between the engine and the operating system's processes.
//
// Graders, the checker and the batch scheduler talk only to this interface, so they can be tested
// with a fake. The real implementation (Boost.Process plus the sandbox) lives in as few
// translation units as possible: Boost.Process is slow to compile.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "exengine/grader.h"
#include "core/limits.h"

namespace exengine {

struct RunSpec {
  // argv[0] is an absolute path to the program (the runner does no PATH search).
  std::vector<std::string> argv;
  // The complete environment of the program (the runner adds nothing but what the sandbox needs,
  // e.g. HOME and TMPDIR pointing into the run directory).
  std::vector<std::pair<std::string, std::string>> env;
  // Files copied into the fresh, private run directory before the start: {source, name in dir}.
  std::vector<std::pair<std::filesystem::path, std::string>> inputs;
  // Files whose contents are returned after the run (RunOutcome::collected), by name in the run
  // directory or by absolute path (e.g. a probe file kept outside the run directory).
  std::vector<std::string> collect;
  // Files copied out of the run directory after the run: {name in dir, destination}.
  std::vector<std::pair<std::string, std::filesystem::path>> keep;
  // Directories the program must not see (tier A covers each with an empty read-only tmpfs), e.g.
  // the plugin folders holding expected answers. Other runs' directories are always hidden.
  std::vector<std::filesystem::path> hidden;
  Limits limits;
};

enum class TimeoutKind { none, wall, cpu };

struct RunOutcome {
  bool started = false;         // false: start_error says why (internal-error)
  std::string start_error;
  int exit_code = -1;           // valid when signal == 0 and started
  int signal = 0;               // the signal that ended the main process, or 0
  TimeoutKind timeout = TimeoutKind::none;
  bool output_limited = false;  // stdout or stderr reached Limits::output_bytes
  bool killed_by_runner = false;  // the runner killed the main process (timeout, output cap):
                                  // `signal` is then the runner's SIGKILL, not the program's fault
  bool memory_exceeded = false; // the kernel's OOM accounting (or allocator failure) says so
  bool process_limit_hit = false;  // fork/clone failed against the process limit
  std::string out;              // stdout, at most Limits::output_bytes
  std::string err;              // stderr, at most Limits::output_bytes
  std::vector<OutputChunk> timeline;  // when stdout bytes arrived
  double wall_ms = 0;
  double cpu_ms = 0;
  std::int64_t peak_rss_kb = 0;
  int leftover_processes = 0;   // descendants still alive at the main process's exit (then killed)
  std::string tier;             // isolation tier: "A" or "B"
  std::map<std::string, std::string> collected;  // see RunSpec::collect
};

class ProcessRunner {
 public:
  virtual ~ProcessRunner() = default;
  // Runs one program to completion under its limits. Thread-safe: the batch grader calls it from
  // several threads at once. Never throws for anything the program does; a failure to start is
  // reported in RunOutcome::start_error.
  virtual RunOutcome run(const RunSpec& spec) = 0;
  // The isolation tier this runner provides ("A" or "B") and a one-line warning when reduced.
  virtual std::string tier() const = 0;
  virtual std::string warning() const { return {}; }
};

// The real runner (Boost.Process + sandbox). `prefer_tier` is "auto", "A" or "B".
std::unique_ptr<ProcessRunner> make_process_runner(const std::string& prefer_tier = "auto");

}  // namespace exengine
