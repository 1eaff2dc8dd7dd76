// Tree kill: the supervisor's end of a run, killing and reaping every descendant.
//
// Contract: async-signal-safe (runs in a forked child of a multithreaded engine), no allocation.
// Called by the supervisor after the main process was reaped.
#pragma once

#include <sys/types.h>

namespace exengine {

// SIGKILLs every process whose parent is `parent` (found by scanning /proc). Returns how many.
int kill_children_of(pid_t parent) noexcept;

// Kills the process group `pgid` and, as pid 1 of a PID namespace (`pid_namespace_init`), every
// process of the namespace; then kills whatever was reparented to the caller (a subreaper) and
// reaps until the caller has no child left. Returns the number of processes reaped.
int kill_and_reap_tree(pid_t pgid, bool pid_namespace_init) noexcept;

}  // namespace exengine
