// ProcessRunner: the one interface between the engine and the operating system's processes.
//
// Graders, the checker and the batch scheduler talk only to this interface, so they can be tested
// with a fake. The real implementation (Boost.Process plus the sandbox) lives in as few
// translation units as possible: Boost.Process is slow to compile.
#pragma once

#include <cstdint>
#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "exengine/grader.h"
#include "core/isolation.h"
#include "core/limits.h"

namespace exengine {

// A pipe between the engine and the run that is not in the run's file system (e.g. the behaviour
// record, engine/src/behaviour/probe_record.h). The main process finds its end at `fd`, inherited by
// its children unless they close it; the engine holds the other end.
struct RunChannel {
  int fd = -1;            // the descriptor number in the main process (>= 3; high, e.g. 1021)
  bool from_run = true;   // true: the run writes, the engine collects (RunOutcome::channels[fd]);
                          // false: the run reads `input`, then end of file
  std::string input;      // from_run == false: at most 64 KiB (one pipe buffer)
};

// What a run wrote on a RunChannel, at most Limits::output_bytes of it.
struct ChannelBytes {
  std::string bytes;
  bool overflowed = false;  // the run wrote more than the cap: the rest was read and dropped
};

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
  // Directories the program must not see, e.g. the plugin folders holding expected answers. Tier
  // A's root holds none of them unless one lies inside a bound path (e.g. an engine installed
  // under /usr): that one is covered with an empty read-only tmpfs. Other runs' directories are
  // never in the root.
  std::vector<std::filesystem::path> hidden;
  // Pipes besides stdout and stderr (see RunChannel).
  std::vector<RunChannel> channels;
  // Tier A: what of the host the run sees, read-only, at the same paths (its root holds nothing
  // else but /dev, /proc, a minimal /etc, a private /tmp and the run directory). `system`: what the
  // toolchain needs (Toolchain::sandbox_paths); empty: kDefaultSystemPaths. `readable`: files
  // of this run, e.g. the compiled program, a precompiled header, the probe.
  std::vector<std::filesystem::path> system;
  std::vector<std::filesystem::path> readable;
  Limits limits;
  // When set: once it reads true, the run is killed as a timeout would be and ends with
  // RunOutcome::cancelled (watch cancels a check when a newer save arrives). Seen within ~50 ms.
  const std::atomic<bool>* cancel = nullptr;
};

// The interpreters', compilers' and their libraries' places on a Debian system.
inline const std::vector<std::filesystem::path> kDefaultSystemPaths = {
    "/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc/ld.so.cache",
    "/etc/alternatives", "/etc/localtime"};

enum class TimeoutKind { none, wall, cpu };

struct RunOutcome {
  bool started = false;         // false: start_error says why (internal-error)
  std::string start_error;
  int exit_code = -1;           // valid when signal == 0 and started
  int signal = 0;               // the signal that ended the main process, or 0
  TimeoutKind timeout = TimeoutKind::none;
  bool output_limited = false;  // stdout or stderr reached Limits::output_bytes
  bool cancelled = false;       // RunSpec::cancel asked for the run to end (killed_by_runner too)
  bool killed_by_runner = false;  // the runner killed the main process (timeout, output cap):
                                  // `signal` is then the runner's SIGKILL, not the program's fault
  bool memory_exceeded = false; // the kernel's OOM accounting (or allocator failure) says so
  bool process_limit_hit = false;  // fork/clone failed against the process limit
  int disk_full = 0;            // tier A: the run directory was full at the end: 1 space, 2 files
  std::string out;              // stdout, at most Limits::output_bytes
  std::string err;              // stderr, at most Limits::output_bytes
  std::vector<OutputChunk> timeline;  // when stdout bytes arrived
  double wall_ms = 0;
  double cpu_ms = 0;
  std::int64_t peak_rss_kb = 0;
  int leftover_processes = 0;   // descendants still alive at the main process's exit (then killed)
  std::string tier;             // isolation tier: "A" or "B"
  Isolation isolation;          // what the run actually got (core/isolation.h)
  std::map<std::string, std::string> collected;  // see RunSpec::collect
  std::map<int, ChannelBytes> channels;          // see RunSpec::channels (from_run ones)
  long main_pid = 0;            // the main process's pid as it sees itself (0: not reported)
  // Seen from outside the program: threads and processes the run created besides its main
  // process (tier A: the last pid of the run's PID namespace, read by its init). -1: not observed.
  std::int64_t tasks_created = -1;
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
