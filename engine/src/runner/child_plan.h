// ChildPlan: everything the forked child needs to build the sandbox, prepared by the parent.
//
// Contract: the child runs between fork() and execve() of a multithreaded engine, so it may only
// make async-signal-safe calls: it reads this plan (no allocation, no locks, no exceptions) and
// makes system calls. Every string is a NUL-terminated buffer owned by the parent, alive until the
// child has exec'd (the parent keeps the plan until the run ends).
//
// Process layout (see sandbox_child.cc):
//   tier A: engine -> relay (Boost.Process child; joins the cgroups, unshares the namespaces)
//                  -> init (pid 1 of the new PID namespace: mounts, supervises, kills the tree)
//                  -> main (the submission, exec'd by Boost.Process)
//   tier B: engine -> supervisor (Boost.Process child; subreaper of the tree)
//                  -> main
// The supervisor (init in tier A) reports on `status_fd`: first a StatusMessage with `killable`
// set, then one with the main process's wait status as soon as it ends; then it kills and reaps
// the whole tree, reports how many it reaped and exits.
#pragma once

#include <sys/types.h>

#include <cstdint>

#include "runner/rlimits.h"

namespace exengine {

struct StatusMessage {
  enum Kind : std::int32_t {
    killable = 1, main_exited = 2, setup_failed = 3, reaped = 4,
    main_pid = 5,       // value: the main process's pid as it sees itself
    tasks_created = 6,  // value: tasks the run created besides main (tier A init, after the reap)
  };
  std::int32_t kind = 0;
  std::int32_t value = 0;  // killable: pid to SIGKILL on timeout; main_exited: wait status;
                           // setup_failed: errno; reaped: processes killed after the main one
  std::int32_t step = 0;   // setup_failed: which step (ChildStep)
};

enum ChildStep : std::int32_t {
  step_none = 0, step_cgroup, step_unshare, step_idmap, step_fork, step_mount_private,
  step_mount_readonly, step_mount_tmp, step_bind_rundir, step_mount_hide, step_mount_proc,
  step_rlimit, step_chdir, step_uid, step_stdio, step_seccomp,
};
const char* child_step_name(std::int32_t step);

inline constexpr int kMaxCgroupFds = 4;
inline constexpr int kMaxMounts = 16;  // fixed mounts only (tmpfs_paths); never an input count

// A descriptor the main process keeps: `fd` (the parent's) is dup2'd to `target`.
struct InheritedFd {
  int fd = -1;
  int target = -1;
};

struct ChildPlan {
  // Pipes: write ends the child dup2's onto 1 and 2; stdin is /dev/null.
  int stdout_fd = -1;
  int stderr_fd = -1;
  int status_fd = -1;
  int rundir_fd = -1;              // O_PATH of the run directory
  const char* rundir = nullptr;    // its absolute path (also inside the sandbox)

  // Tier A.
  bool namespaces = false;
  bool user_namespace = false;     // unprivileged: also CLONE_NEWUSER with the maps below
  const char* uid_map = nullptr;   // "uid uid 1\n"
  const char* gid_map = nullptr;
  bool readonly_root = false;      // make every inherited mount read-only
  const char* tmpfs_paths[kMaxMounts] = {};  // fresh private tmpfs (/tmp, /dev/shm, /var/tmp)
  int n_tmpfs = 0;
  const char* tmpfs_options = nullptr;      // "size=...,mode=1777"
  // Directories to create inside the fresh /tmp before binding the run directory there, in order.
  const char* const* rundir_chain = nullptr;  // n_rundir_chain entries, owned by the parent
  int n_rundir_chain = 0;
  bool bind_rundir = false;
  const char* const* hidden = nullptr;  // n_hidden paths covered by an empty read-only tmpfs
  int n_hidden = 0;

  // Cgroups to join (cgroup.procs opened for writing); written "0" by the relay.
  int cgroup_procs_fds[kMaxCgroupFds] = {-1, -1, -1, -1};
  int n_cgroup_fds = 0;

  // Identity of the main process.
  bool change_uid = false;
  uid_t uid = 0;
  gid_t gid = 0;

  // Descriptors besides 0-2 the main process keeps (RunSpec::channels), targets ascending, no
  // source equal to any target.
  const InheritedFd* inherited = nullptr;
  int n_inherited = 0;

  RlimitPlan rlimits;
  pid_t engine_pid = 0;           // the relay/supervisor dies if its parent is no longer this
};

// Runs in the Boost.Process child (from on_exec_setup). Returns only in the main process, which
// Boost.Process then execs; every other process of the layout ends in _exit().
void sandbox_child(const ChildPlan& plan) noexcept;

}  // namespace exengine
