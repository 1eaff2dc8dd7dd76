// CgroupV2Backend: runs in a cgroup v2 subtree: `parent`/run-<n>, with memory.max and
// memory.swap.max = 0 (memory controller), pids.max (pids controller), the memory-limit verdict from
// memory.events oom_kill, memory.peak where the kernel has it, CPU time from cpu.stat, and the tree
// killed with cgroup.kill. `controllers` are those enabled for parent's children
// (parent/../cgroup.subtree_control on a real host); without memory or pids, runs still get
// cgroup.kill and cpu.stat, and rlimits must limit. See cgroup_backend.h for the contract.
#pragma once

#include <string>

#include "runner/cgroup_backend.h"

namespace exengine {

class CgroupV2Backend : public CgroupBackend {
 public:
  CgroupV2Backend(CgroupFiles& files, std::string parent, bool memory, bool pids, std::string why_missing = {});

  std::unique_ptr<RunCgroup> create(const Limits& limits) override;
  bool limits() const override { return memory_ && pids_; }
  std::string describe() const override;
  std::string version() const override { return "v2"; }
  std::vector<std::string> controllers() const override;
  std::string missing() const override;

  const std::string& parent() const { return parent_; }

 private:
  CgroupFiles& files_;
  std::string parent_;
  bool memory_, pids_;
  std::string why_missing_;
};

}  // namespace exengine
