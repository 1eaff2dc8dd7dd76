#include "runner/run_verdict.h"

#include <csignal>
#include <cstring>

#include <fmt/format.h>

namespace exengine {

namespace {

std::string seconds(double s) {
  // 5 -> "5 s", 0.5 -> "0.5 s"
  return fmt::format("{:g} s", s);
}

std::string kib(std::int64_t bytes) {
  if (bytes % 1024 == 0) return fmt::format("{} KiB", bytes / 1024);
  return fmt::format("{} bytes", bytes);
}

}  // namespace

std::string describe_signal(int sig) {
  struct Name {
    int sig;
    const char* name;
    const char* meaning;
  };
  static const Name names[] = {
      {SIGSEGV, "SIGSEGV", "segmentation fault"},
      {SIGABRT, "SIGABRT", "aborted"},
      {SIGFPE, "SIGFPE", "arithmetic error"},
      {SIGILL, "SIGILL", "illegal instruction"},
      {SIGBUS, "SIGBUS", "bus error"},
      {SIGKILL, "SIGKILL", "killed"},
      {SIGTERM, "SIGTERM", "terminated"},
      {SIGINT, "SIGINT", "interrupted"},
      {SIGHUP, "SIGHUP", "hang-up"},
      {SIGQUIT, "SIGQUIT", "quit"},
      {SIGPIPE, "SIGPIPE", "wrote to a closed pipe"},
      {SIGALRM, "SIGALRM", "alarm clock"},
      {SIGUSR1, "SIGUSR1", "user signal 1"},
      {SIGUSR2, "SIGUSR2", "user signal 2"},
      {SIGXCPU, "SIGXCPU", "CPU time limit exceeded"},
      {SIGXFSZ, "SIGXFSZ", "file size limit exceeded"},
      {SIGSYS, "SIGSYS", "bad system call"},
      {SIGTRAP, "SIGTRAP", "trace trap"},
  };
  for (const auto& n : names) {
    if (n.sig == sig) return fmt::format("{} ({})", n.name, n.meaning);
  }
  return fmt::format("signal {}", sig);
}

std::optional<RunVerdict> run_verdict(const RunOutcome& run, const Limits& limits) {
  if (!run.started) {
    return RunVerdict{Verdict::internal_error,
                      run.start_error.empty() ? "the program could not be started" : run.start_error};
  }
  const std::string also_procs =
      run.process_limit_hit
          ? fmt::format("; your program started more than {} processes", limits.processes)
          : std::string();
  if (run.timeout == TimeoutKind::wall) {
    std::string msg = fmt::format("killed after {} of wall time", seconds(limits.wall_s));
    if (run.leftover_processes > 0) {
      msg += "; a thread or process was still running (is a non-daemon thread keeping the program alive?)";
    } else {
      msg += "; the program was still running (an endless loop, or waiting for input that never comes?)";
    }
    return RunVerdict{Verdict::timeout, msg + also_procs};
  }
  if (run.timeout == TimeoutKind::cpu) {
    return RunVerdict{Verdict::timeout,
                      fmt::format("killed after {} of CPU time (all threads and processes together)",
                                  seconds(limits.cpu_s)) + also_procs};
  }
  if (run.memory_exceeded) {
    return RunVerdict{Verdict::memory_limit,
                      fmt::format("your program used more than {} MiB of memory", limits.memory_mb)};
  }
  if (run.process_limit_hit && !run.killed_by_runner && (run.signal != 0 || run.exit_code != 0)) {
    return RunVerdict{Verdict::runtime_error,
                      fmt::format("your program started more than {} processes", limits.processes)};
  }
  const int sig = run.killed_by_runner ? 0 : run.signal;  // our own kill is no runtime-error
  if (run.disk_full != 0 && (sig != 0 || run.exit_code != 0)) {
    // ENOSPC in the run directory (tier A's tmpfs): the program's own error says little.
    return RunVerdict{Verdict::runtime_error,
                      run.disk_full == 1
                          ? fmt::format("your program wrote more than {} MiB of files", limits.disk_mb)
                          : fmt::format("your program made more than {} files", limits.disk_files)};
  }
  if (sig == SIGXCPU) {
    return RunVerdict{Verdict::timeout,
                      fmt::format("killed after {} of CPU time (all threads together)",
                                  seconds(limits.cpu_s)) + also_procs};
  }
  if (sig == SIGXFSZ) {
    return RunVerdict{Verdict::runtime_error,
                      fmt::format("runtime-error: killed by {}: a file grew past {} KiB",
                                  describe_signal(run.signal), limits.file_size_kb)};
  }
  if (sig != 0) {
    return RunVerdict{Verdict::runtime_error,
                      fmt::format("runtime-error: killed by {}", describe_signal(sig))};
  }
  if (sig == 0 && !run.killed_by_runner && run.exit_code != 0) {
    return RunVerdict{Verdict::runtime_error, fmt::format("exited with code {}", run.exit_code)};
  }
  if (run.output_limited) {
    return RunVerdict{Verdict::output_limit,
                      fmt::format("printed more than {} of output", kib(limits.output_bytes))};
  }
  return std::nullopt;
}

}  // namespace exengine
