// RunCgroup: the cgroups of one run, for the process and memory limits, CPU accounting and
// killing the tree.
//
// This machine (and most Debian 12 hosts with a hybrid hierarchy): cgroup v1 `pids` and `memory`
// controllers, plus the v2 hierarchy (cgroup.kill, cpu.stat). Every run gets a fresh directory in
// each available one, below the engine's own cgroup (so the engine's own limits still apply),
// named exengine-<pid>/run-<n>.
//
// Contract: construction throws std::runtime_error (one line) if a directory cannot be made or
// configured; the destructor kills whatever is left and removes the directories. Readers are
// const and may run while the program runs. One object per run; distinct objects are independent.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/limits.h"

namespace exengine {

class RunCgroup {
 public:
  // Which hierarchies this process can create cgroups in; probed once (thread-safe).
  struct Support {
    std::string pids;     // the engine's parent directory for runs, or empty
    std::string memory;
    std::string unified;
    bool usable() const { return !pids.empty() && !memory.empty(); }
  };
  static const Support& support();

  RunCgroup(const Limits& limits);
  ~RunCgroup();
  RunCgroup(const RunCgroup&) = delete;
  RunCgroup& operator=(const RunCgroup&) = delete;

  // cgroup.procs of every directory, opened for writing (O_CLOEXEC); the child writes "0".
  const std::vector<int>& procs_fds() const { return procs_fds_; }

  double cpu_ms() const;            // v2 cpu.stat usage_usec, or -1
  std::int64_t peak_kb() const;     // memory.max_usage_in_bytes / 1024, or -1
  bool oom_killed() const;          // the kernel's OOM killer struck inside the cgroup
  bool pids_limit_hit() const;      // a fork or clone failed against pids.max
  int process_count() const;        // tasks still in the pids cgroup
  // SIGKILLs every process of the run (v2 cgroup.kill, else each pid of cgroup.procs).
  void kill() const;

 private:
  std::vector<std::string> dirs_;   // created, removed in reverse order
  std::string pids_, memory_, unified_;
  std::vector<int> procs_fds_;
};

}  // namespace exengine
