#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "runner/child_plan.h"
#include "runner/kill_guard.h"
#include "runner/tree_kill.h"

namespace exengine {

const char* child_step_name(std::int32_t step) {
  switch (step) {
    case step_cgroup: return "joining the run's cgroup";
    case step_unshare: return "creating namespaces";
    case step_idmap: return "writing the user namespace's id maps";
    case step_fork: return "forking";
    case step_mount_private: return "making mounts private";
    case step_mount_readonly: return "making the file system read-only";
    case step_mount_tmp: return "mounting a private /tmp";
    case step_bind_rundir: return "binding the run directory";
    case step_mount_hide: return "hiding a directory";
    case step_mount_proc: return "mounting /proc";
    case step_rlimit: return "setting resource limits";
    case step_chdir: return "entering the run directory";
    case step_uid: return "switching to the run's user";
    case step_stdio: return "redirecting stdin/stdout/stderr";
    case step_seccomp: return "installing the seccomp filter";
    default: return "setting up the sandbox";
  }
}

namespace {

void send(int fd, std::int32_t kind, std::int32_t value, std::int32_t step = 0) noexcept {
  StatusMessage m;
  m.kind = kind;
  m.value = value;
  m.step = step;
  ssize_t r;
  do {
    r = ::write(fd, &m, sizeof m);
  } while (r < 0 && errno == EINTR);
}

[[noreturn]] void fail(const ChildPlan& p, std::int32_t step) noexcept {
  send(p.status_fd, StatusMessage::setup_failed, errno, step);
  ::_exit(127);
}

void close_all_but(int keep) noexcept {
  if (keep > 0) ::syscall(SYS_close_range, 0u, static_cast<unsigned>(keep - 1), 0u);
  ::syscall(SYS_close_range, static_cast<unsigned>(keep + 1), ~0u, 0u);
}

bool write_file(const char* path, const char* text) noexcept {
  int fd = ::open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const size_t len = std::strlen(text);
  bool ok = ::write(fd, text, len) == static_cast<ssize_t>(len);
  ::close(fd);
  return ok;
}

// The last pid handed out in the caller's PID namespace (/proc/sys/kernel/ns_last_pid), or -1.
long last_pid_of_namespace() noexcept {
  const int fd = ::open("/proc/sys/kernel/ns_last_pid", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  char buf[32];
  const ssize_t n = ::read(fd, buf, sizeof buf);
  ::close(fd);
  long v = 0;
  ssize_t i = 0;
  for (; i < n && buf[i] >= '0' && buf[i] <= '9'; ++i) v = v * 10 + (buf[i] - '0');
  return i > 0 ? v : -1;
}

// The submission itself: returns to Boost.Process, which execs it.
void become_main(const ChildPlan& p) noexcept {
  ::setpgid(0, 0);
  int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (null_fd < 0 || ::dup2(null_fd, 0) < 0 || ::dup2(p.stdout_fd, 1) < 0 ||
      ::dup2(p.stderr_fd, 2) < 0) {
    fail(p, step_stdio);
  }
  // Before the rlimits: a target above RLIMIT_NOFILE stays usable once it exists.
  for (int i = 0; i < p.n_inherited; ++i) {
    const InheritedFd& f = p.inherited[i];
    if (::dup2(f.fd, f.target) < 0) fail(p, step_stdio);  // dup2 clears FD_CLOEXEC on the target
  }
  if (::chdir(p.rundir) != 0) fail(p, step_chdir);
  if (int e = p.rlimits.apply(); e != 0) {
    errno = e;
    fail(p, step_rlimit);
  }
  if (p.change_uid) {
    if (::setgroups(0, nullptr) != 0 || ::setgid(p.gid) != 0 || ::setuid(p.uid) != 0) {
      fail(p, step_uid);
    }
  }
  ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
  ::prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);  // after setuid, which clears it
  if (!p.namespaces) {
    if (int e = install_kill_guard(::getppid()); e != 0) {
      errno = e;
      fail(p, step_seccomp);
    }
  }
  // Nothing of the engine's survives: not its descriptors (not even Boost.Process's error pipe;
  // the parent checked the executable beforehand), not its ignored SIGPIPE or blocked signals.
  // Only the inherited channels stay open (targets ascending).
  unsigned from = 3;
  for (int i = 0; i < p.n_inherited; ++i) {
    const unsigned t = static_cast<unsigned>(p.inherited[i].target);
    if (t > from) ::syscall(SYS_close_range, from, t - 1, 0u);
    from = t + 1;
  }
  ::syscall(SYS_close_range, from, ~0u, 0u);
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  ::sigaction(SIGPIPE, &dfl, nullptr);
  sigset_t none;
  ::sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
}

// Forks the main process, reports its end, then kills and reaps everything else. Never returns
// in the supervisor; returns in the main process.
void supervise(const ChildPlan& p, bool pid_namespace_init) noexcept {
  const pid_t main_pid = ::fork();
  if (main_pid < 0) fail(p, step_fork);
  if (main_pid == 0) {
    become_main(p);
    return;
  }
  if (!pid_namespace_init) send(p.status_fd, StatusMessage::killable, main_pid);
  send(p.status_fd, StatusMessage::main_pid, main_pid);  // in init: as the namespace numbers it
  close_all_but(p.status_fd);
  for (;;) {
    int status = 0;
    pid_t r = ::waitpid(-1, &status, __WALL);
    if (r == main_pid) {
      send(p.status_fd, StatusMessage::main_exited, status);
      break;
    }
    if (r < 0 && errno != EINTR) break;
  }
  const int reaped = kill_and_reap_tree(main_pid, pid_namespace_init);
  if (pid_namespace_init) {
    // The count of threads and processes the run started, from outside its address space: the
    // namespace hands out pids in order (1 init, main_pid next), and every task is dead now.
    const long last = last_pid_of_namespace();
    if (last >= main_pid) send(p.status_fd, StatusMessage::tasks_created, static_cast<std::int32_t>(last - main_pid));
  }
  send(p.status_fd, StatusMessage::reaped, reaped);
  ::_exit(0);
}

void mount_sandbox(const ChildPlan& p) noexcept {
  if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) fail(p, step_mount_private);
  // Opened here, in the new mount namespace: a bind source must be a mount of this namespace.
  const int rundir_fd = ::open(p.rundir, O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (rundir_fd < 0) fail(p, step_bind_rundir);
  if (p.readonly_root) {
    struct mount_attr attr {};
    attr.attr_set = MOUNT_ATTR_RDONLY;
    if (::syscall(SYS_mount_setattr, AT_FDCWD, "/", AT_RECURSIVE, &attr, sizeof attr) != 0) {
      fail(p, step_mount_readonly);
    }
  }
  for (int i = 0; i < p.n_tmpfs; ++i) {
    if (::mount("tmpfs", p.tmpfs_paths[i], "tmpfs", MS_NOSUID | MS_NODEV, p.tmpfs_options) != 0 &&
        errno != ENOENT) {
      fail(p, step_mount_tmp);
    }
  }
  if (p.bind_rundir) {
    for (int i = 0; i < p.n_rundir_chain; ++i) ::mkdir(p.rundir_chain[i], 0755);
    char fd_path[64];
    // "/proc/self/fd/N" without snprintf (not async-signal-safe).
    const char prefix[] = "/proc/self/fd/";
    int k = 0;
    for (; prefix[k]; ++k) fd_path[k] = prefix[k];
    char digits[16];
    int nd = 0;
    for (int v = rundir_fd; v > 0 || nd == 0; v /= 10) digits[nd++] = static_cast<char>('0' + v % 10);
    while (nd > 0) fd_path[k++] = digits[--nd];
    fd_path[k] = 0;
    if (::mount(fd_path, p.rundir, nullptr, MS_BIND, nullptr) != 0) fail(p, step_bind_rundir);
    ::close(rundir_fd);
    if (p.readonly_root) {
      struct mount_attr attr {};
      attr.attr_clr = MOUNT_ATTR_RDONLY;
      if (::syscall(SYS_mount_setattr, AT_FDCWD, p.rundir, 0, &attr, sizeof attr) != 0) {
        fail(p, step_bind_rundir);
      }
    }
  }
  for (int i = 0; i < p.n_hidden; ++i) {
    if (::mount("tmpfs", p.hidden[i], "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC,
                "size=4k,mode=0555") != 0 &&
        errno != ENOENT) {
      fail(p, step_mount_hide);
    }
  }
  if (::mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr) != 0) {
    fail(p, step_mount_proc);
  }
}

}  // namespace

void sandbox_child(const ChildPlan& p) noexcept {
  ::prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
  if (::getppid() != p.engine_pid) ::_exit(127);
  for (int i = 0; i < p.n_cgroup_fds; ++i) {
    if (::write(p.cgroup_procs_fds[i], "0", 1) != 1) fail(p, step_cgroup);
  }
  if (!p.namespaces) {
    ::setsid();  // away from the engine's process group, which the program could signal
    ::prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
    supervise(p, false);
    return;
  }
  int flags = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS;
  if (p.user_namespace) flags |= CLONE_NEWUSER;
  if (::unshare(flags) != 0) fail(p, step_unshare);
  if (p.user_namespace) {
    if (!write_file("/proc/self/setgroups", "deny") || !write_file("/proc/self/uid_map", p.uid_map) ||
        !write_file("/proc/self/gid_map", p.gid_map)) {
      fail(p, step_idmap);
    }
  }
  const pid_t init = ::fork();
  if (init < 0) fail(p, step_fork);
  if (init > 0) {
    // The relay: the engine's child, so that killing it (PDEATHSIG of init) ends the namespace.
    send(p.status_fd, StatusMessage::killable, init);
    close_all_but(-1);
    int status = 0;
    while (::waitpid(init, &status, 0) < 0 && errno == EINTR) {
    }
    ::_exit(0);
  }
  ::prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
  mount_sandbox(p);
  supervise(p, true);
}

}  // namespace exengine
