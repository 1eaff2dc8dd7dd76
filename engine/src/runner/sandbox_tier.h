// SandboxTier: which isolation this engine process can give its runs, probed once at start.
//
// Tier A: new PID, network, mount, IPC, UTS and cgroup namespaces (as root, or through an
// unprivileged user namespace: the same root either way), an allow-list root (an empty tmpfs
// holding only the toolchain's read-only system paths, the run's own files, a minimal /etc, /dev
// without a tty, its own /proc, a private /tmp; see child_plan.h), a size-capped tmpfs run
// directory, a session of its own, and cgroups for the process and memory limits when this user
// may create them.
// Tier B: process group, a subreaper supervisor and rlimits only.
#pragma once

#include <sys/types.h>

#include <string>

namespace exengine {

struct SandboxTier {
  std::string tier = "B";        // "A" or "B"
  bool root = false;             // the engine runs as uid 0: runs get their own unprivileged uid
  bool user_namespace = false;   // tier A through CLONE_NEWUSER (not root)
  bool cgroups = false;          // per-run cgroups (pids, memory, and v2 when present)
  std::string warning;           // one line when isolation is reduced, else empty

  // `prefer`: "auto" (the best available), "A" (tier A; if unavailable: tier B with a warning
  // saying so) or "B". Forks one short-lived child to test the namespaces.
  static SandboxTier probe(const std::string& prefer);
};

}  // namespace exengine
