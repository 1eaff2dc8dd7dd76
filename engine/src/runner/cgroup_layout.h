// CgroupLayout: which cgroup hierarchies a host mounts, read from /proc/self/mountinfo.
//
//   pure_v2: one cgroup2 mount (Debian 12, Ubuntu 22.04+, Fedora, RHEL 9, most Slurm and
//            Kubernetes nodes), usually at /sys/fs/cgroup;
//   hybrid:  cgroup v1 controllers plus a cgroup2 mount without them (often /sys/fs/cgroup/unified);
//   v1_only: cgroup v1 controllers and no cgroup2 mount;
//   none:    no cgroup file system at all (a chroot, some containers).
//
// Contract: parse() is pure (no I/O) so that tests can feed it any host's mountinfo.
#pragma once

#include <string>

namespace exengine {

struct CgroupLayout {
  enum class Kind { none, v1_only, hybrid, pure_v2 };
  Kind kind = Kind::none;
  std::string v1_pids;     // mount point of the v1 pids controller, or empty
  std::string v1_memory;   // mount point of the v1 memory controller, or empty
  std::string unified;     // mount point of the cgroup2 hierarchy, or empty

  static CgroupLayout parse(const std::string& mountinfo);
  static CgroupLayout host();  // of /proc/self/mountinfo
  static const char* name(Kind k);  // "pure v2", "hybrid", "v1 only", "none"
};

}  // namespace exengine
