// CgroupBackend: makes the cgroups of runs, on one kind of hierarchy. Two implementations:
// CgroupV1Backend (the v1 pids and memory controllers, plus the v2 hierarchy of a hybrid host for
// cgroup.kill and cpu.stat) and CgroupV2Backend (memory.max, memory.swap.max, pids.max,
// memory.events, memory.peak, cpu.stat, cgroup.kill), behind CgroupFiles so tests can stand a
// fixture tree in for /sys/fs/cgroup.
//
// host() picks one once per engine from /proc/self/mountinfo (CgroupLayout): v1 on a hybrid or v1
// host, v2 on a pure-v2 host, in the engine's own cgroup or a subtree delegated to its user (a
// systemd scope with Delegate=yes, a folder an admin chown'ed, a Slurm job's cgroup). Before that
// it removes the run cgroups of engines that are no longer alive (see remove_stale_cgroups).
//
// Contract: host() is thread-safe and never throws; a backend that enforces no limit says why in
// missing() (one line, printed once per engine by the runner's tier warning).
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "core/limits.h"
#include "runner/run_cgroup.h"

namespace exengine {

// The file operations a cgroup backend makes. Real: system calls on cgroupfs. Paths are absolute.
class CgroupFiles {
 public:
  virtual ~CgroupFiles() = default;
  virtual bool make_dir(const std::string& path) = 0;
  virtual bool remove_dir(const std::string& path) = 0;  // true when gone (or was never there)
  virtual bool write(const std::string& path, const std::string& text) = 0;
  virtual std::string read(const std::string& path) = 0;  // "" when missing
  virtual int open_for_writing(const std::string& path) = 0;  // an O_CLOEXEC fd, or -1
  virtual std::vector<std::string> list_dirs(const std::string& path) = 0;  // names of subfolders
  static CgroupFiles& real();
};

class CgroupBackend {
 public:
  virtual ~CgroupBackend() = default;
  // A run's cgroup, limited to `limits` where this backend can. Throws std::runtime_error.
  virtual std::unique_ptr<RunCgroup> create(const Limits& limits) = 0;
  // Whether runs get the kernel's memory and process limits (else rlimits must do).
  virtual bool limits() const = 0;
  // What runs get: "cgroup v1 (pids, memory)", "cgroup v2 (memory, pids)", "cgroup v2 (none)".
  virtual std::string describe() const = 0;
  // The same for a run's record (Isolation): "v1" or "v2", and the limits among "memory", "pids".
  virtual std::string version() const = 0;
  virtual std::vector<std::string> controllers() const = 0;
  // One line naming what is missing for full limits, or "" when nothing is.
  virtual std::string missing() const = 0;

  static CgroupBackend& host();
};

// Removes, below `parent`, every "exengine-<pid>" cgroup whose engine is gone, killing what is
// still inside its run cgroups first. Returns how many it removed. `alive(pid, dir)` decides
// whether the folder's engine still runs (tests pass their own).
using EngineAlive = bool (*)(pid_t pid, const std::string& dir);
int remove_stale_cgroups(CgroupFiles& files, const std::string& parent, EngineAlive alive);
// The process exists and started no later than `dir` last changed (a dead engine's pid reused by a
// newer process does not keep its folder alive).
bool engine_alive(pid_t pid, const std::string& dir);

}  // namespace exengine
