// CgroupV1Backend: runs in the v1 `pids` and `memory` controllers (pids.max,
// memory.limit_in_bytes, memory.oom_control, memory.max_usage_in_bytes), plus, on a hybrid host,
// the v2 hierarchy for cgroup.kill and cpu.stat. Every run gets a fresh directory in each, below
// the engine's own cgroup (so the engine's own limits still apply): exengine-<pid>/run-<n>.
// See cgroup_backend.h for the contract.
#pragma once

#include <string>

#include "runner/cgroup_backend.h"

namespace exengine {

class CgroupV1Backend : public CgroupBackend {
 public:
  // The engine's directories ("" where a hierarchy is not usable): made and removed by the caller.
  CgroupV1Backend(CgroupFiles& files, std::string pids, std::string memory, std::string unified);

  std::unique_ptr<RunCgroup> create(const Limits& limits) override;
  bool limits() const override { return !pids_.empty() && !memory_.empty(); }
  std::string describe() const override;
  std::string version() const override { return "v1"; }
  std::vector<std::string> controllers() const override;
  std::string missing() const override;

 private:
  CgroupFiles& files_;
  std::string pids_, memory_, unified_;
};

}  // namespace exengine
