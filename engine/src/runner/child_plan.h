// ChildPlan: everything the forked child needs to build the sandbox, prepared by the parent.
//
// Contract: the child runs between fork() and execve() of a multithreaded engine, so it may only
// make async-signal-safe calls: it reads this plan (no allocation, no locks, no exceptions) and
// makes system calls. Every string is a NUL-terminated buffer owned by the parent, alive until the
// child has exec'd (the parent keeps the plan until the run ends).
//
// Process layout (see sandbox_child.cc):
//   tier A: engine -> relay (Boost.Process child; new session; joins the cgroups, unshares the
//                     namespaces)
//                  -> init (pid 1 of the new PID namespace: builds the allow-list root (below),
//                     copies the inputs in, supervises, kills the tree, copies results out)
//                  -> main (the submission, exec'd by Boost.Process)
//   tier B: engine -> supervisor (Boost.Process child; subreaper of the tree)
//                  -> main
// The supervisor (init in tier A) reports on `status_fd`: first a StatusMessage with `killable`
// set, then one with the main process's wait status as soon as it ends; then it kills and reaps
// the whole tree, reports how many it reaped and exits.
//
// Tier A's root (built by init, bubblewrap's way): a tmpfs over /tmp as the base, pivot_root into
// it with the host's tree at /oldroot, a bind of /newroot onto itself, then `root_steps` in order
// (every path already prefixed by the parent: targets with "/newroot", bind sources with
// "/oldroot"), then the run directory: a size-capped tmpfs at the run's path into which init copies
// `copy_in` from the host's run directory; then the hidden folders, the host's tree detached, a
// second pivot_root into /newroot, and the root itself made read-only. Nothing of the host exists
// inside but what the steps bind.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <cstdint>

#include "runner/rlimits.h"

namespace exengine {

struct StatusMessage {
  enum Kind : std::int32_t {
    killable = 1, main_exited = 2, setup_failed = 3, reaped = 4,
    main_pid = 5,       // value: the main process's pid as it sees itself
    tasks_created = 6,  // value: tasks the run created besides main (tier A init, after the reap)
    rundir_full = 7,    // the run directory's tmpfs was found full (of bytes or of files)
  };
  std::int32_t kind = 0;
  std::int32_t value = 0;  // killable: pid to SIGKILL on timeout; main_exited: wait status;
                           // setup_failed: errno; reaped: processes killed after the main one;
                           // rundir_full: 1 no space left, 2 no inode left
  std::int32_t step = 0;   // setup_failed: which step (ChildStep)
};

enum ChildStep : std::int32_t {
  step_none = 0, step_cgroup, step_unshare, step_idmap, step_fork, step_mount_private,
  step_mount_readonly, step_mount_tmp, step_bind_rundir, step_mount_hide, step_mount_proc,
  step_rlimit, step_chdir, step_uid, step_stdio, step_seccomp, step_root_base, step_root_step,
  step_rundir_tmpfs, step_copy_in, step_pivot, step_session,
};

// One step of building tier A's root (see above). Strings are owned by the parent.
struct RootStep {
  enum Kind : std::int32_t {
    dir = 1,     // mkdir target (exists: fine)
    mountpoint,  // an empty file at target, to bind a file onto
    bind_ro,     // bind source onto target, then read-only, nosuid, nodev
    bind_dev,    // bind a device node source onto target (nosuid, noexec)
    symlink,     // target -> source (the link's text)
    file,        // target holds `length` bytes of source (read-only for the run: mode 0444)
    tmpfs,       // a tmpfs at target with options `source`
    proc,        // a fresh proc of the run's PID namespace at target (processes of others hidden)
  };
  std::int32_t kind = 0;
  const char* target = nullptr;
  const char* source = nullptr;
  std::size_t length = 0;
};
const char* child_step_name(std::int32_t step);

inline constexpr int kMaxCgroupFds = 4;

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
  const char* rundir = nullptr;    // its absolute path (also inside the sandbox)

  // Tier A.
  bool namespaces = false;
  bool user_namespace = false;     // unprivileged: also CLONE_NEWUSER with the maps below
  const char* uid_map = nullptr;   // "uid uid 1\n"
  const char* gid_map = nullptr;
  // The root (see above); arrays as long as the parent made them, owned by the parent.
  const RootStep* root_steps = nullptr;
  int n_root_steps = 0;
  const char* old_rundir = nullptr;       // "/oldroot" + rundir: the host's run directory
  const char* new_rundir = nullptr;       // "/newroot" + rundir: the mount point of its tmpfs
  const char* rundir_options = nullptr;   // "size=...,nr_inodes=...,mode=0700,uid=...,gid=..."
  const char* const* copy_in_dirs = nullptr;  // relative, parents first: made in the tmpfs
  int n_copy_in_dirs = 0;
  const char* const* copy_in = nullptr;   // relative names copied from the host's run directory
  int n_copy_in = 0;
  const char* const* copy_out = nullptr;  // relative names copied back after the run (regular
  int n_copy_out = 0;                     // files reached without a symlink; at most copy_out_cap
  std::size_t copy_out_cap = 0;           // bytes each)
  const char* const* hidden = nullptr;    // "/newroot" + path: covered by an empty read-only tmpfs
  int n_hidden = 0;                       // when it exists in the root

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
