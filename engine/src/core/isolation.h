// Isolation: what a run actually got from the sandbox, recorded in its result and shown in the
// reports (issue 16): the namespaces it ran in, the cgroup (v1 or v2) and its controllers, and the
// rlimits set on its main process. Tier A without cgroups is not full isolation.
#pragma once

#include <string>
#include <vector>

namespace exengine {

struct Isolation {
  std::vector<std::string> namespaces;   // "mount", "pid", "net", "ipc", "uts", "cgroup", "user"
  std::string cgroup;                    // "v1", "v2", or "" (none)
  // The kernel's limits ("memory", "pids") and accounting ("cpu") the run's cgroup had.
  std::vector<std::string> controllers;
  std::vector<std::string> rlimits;      // "cpu", "core", "fsize", "nofile", "as", "nproc", "msgqueue"

  // Full: its own mount, PID and network namespaces, and the kernel's memory and process limits.
  bool full() const;
  // "namespaces mount, pid, net; cgroup v1 (memory, pids, cpu); rlimits cpu, fsize", or with
  // "no namespaces" and "no cgroup" where there were none. "unknown" when nothing was recorded.
  std::string describe() const;
  // What keeps it from full: "no cgroup memory and pids limits", "no namespaces"; "" when full.
  std::string shortfall() const;
  bool recorded() const { return !namespaces.empty() || !cgroup.empty() || !rlimits.empty(); }
};

}  // namespace exengine
