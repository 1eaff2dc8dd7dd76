// RunCgroup: the cgroup(s) of one run, for the process and memory limits, CPU accounting and
// killing the tree. Made by a CgroupBackend (cgroup_backend.h): v1 (CgroupV1Backend) or v2
// (CgroupV2Backend).
//
// Contract: the backend's create() throws std::runtime_error (one line) if a directory cannot be
// made or configured; the destructor kills whatever is left and removes the directories. Readers
// are const and may run while the program runs. One object per run; distinct objects are
// independent.
#pragma once

#include <cstdint>
#include <vector>

#include "core/limits.h"
namespace exengine {

class RunCgroup {
 public:
  virtual ~RunCgroup() = default;

  // cgroup.procs of every directory, opened for writing (O_CLOEXEC); the child writes "0".
  virtual const std::vector<int>& procs_fds() const = 0;

  virtual double cpu_ms() const = 0;          // CPU time of the run (cpu.stat usage_usec), or -1
  virtual std::int64_t peak_kb() const = 0;   // peak memory, or -1 where the kernel keeps none
  virtual bool oom_killed() const = 0;        // the kernel's OOM killer struck inside the cgroup
  virtual bool pids_limit_hit() const = 0;    // a fork or clone failed against pids.max
  virtual int process_count() const = 0;      // tasks still in the cgroup
  virtual void kill() const = 0;              // SIGKILLs every process of the run
};

}  // namespace exengine
