// RlimitPlan: the setrlimit values of the main process, computed from Limits in the parent and
// applied in the child (async-signal-safe).
#pragma once

#include <sys/resource.h>

#include <string>
#include <vector>

#include "core/limits.h"

namespace exengine {

struct RlimitPlan {
  struct Entry {
    int resource = 0;
    rlimit value{};
  };
  Entry entries[8];
  int n = 0;

  // `address_space`: also cap RLIMIT_AS at the memory limit (tier B: the allocator's failure is
  // the memory-limit signal). `nproc`: RLIMIT_NPROC value, or 0 to leave it (a cgroup counts).
  static RlimitPlan from(const Limits& limits, bool address_space, rlim_t nproc);

  // The entries' names, for a run's record (Isolation): "cpu", "core", "fsize", "nofile", "as",
  // "nproc", "msgqueue". Allocates: never in the child.
  std::vector<std::string> names() const;

  // Applies every entry; returns 0 or the errno of the first failure.
  int apply() const noexcept;
};

}  // namespace exengine
