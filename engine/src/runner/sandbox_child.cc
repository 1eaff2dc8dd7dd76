#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <linux/openat2.h>
#include <sys/prctl.h>
#include <sys/sendfile.h>
#include <sys/statfs.h>
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
    case step_root_base: return "making the sandbox's root";
    case step_root_step: return "building the sandbox's root";
    case step_rundir_tmpfs: return "mounting the run directory";
    case step_copy_in: return "copying the inputs into the run directory";
    case step_pivot: return "entering the sandbox's root";
    case step_session: return "starting a new session";
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

// Closes every descriptor but the (up to three) given ones; -1 entries are ignored.
void close_all_but_three(int a, int b, int c) noexcept {
  int keep[3] = {a, b, c};
  // sort the three
  for (int i = 0; i < 3; ++i)
    for (int j = i + 1; j < 3; ++j)
      if (keep[j] < keep[i]) {
        const int t = keep[i];
        keep[i] = keep[j];
        keep[j] = t;
      }
  unsigned from = 0;
  for (int k : keep) {
    if (k < 0) continue;
    if (static_cast<unsigned>(k) > from) ::syscall(SYS_close_range, from, static_cast<unsigned>(k - 1), 0u);
    from = static_cast<unsigned>(k) + 1;
  }
  ::syscall(SYS_close_range, from, ~0u, 0u);
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
  // A session of its own (no controlling terminal; tier A's relay made one already), and its own
  // process group (the tree kill's handle).
  if (::setsid() < 0) ::setpgid(0, 0);
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

// Copies what `in` holds into `out`, at most `cap` bytes (0: no cap). Returns 0 or an errno.
int copy_fd(int in, int out, std::size_t cap) noexcept {
  std::size_t done = 0;
  for (;;) {
    std::size_t want = 1 << 20;
    if (cap > 0) {
      if (done >= cap) return 0;
      if (cap - done < want) want = cap - done;
    }
    const ssize_t n = ::sendfile(out, in, nullptr, want);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errno;
    if (n == 0) return 0;
    done += static_cast<std::size_t>(n);
  }
}

void set_attr(const ChildPlan& p, const char* path, std::uint64_t set, std::int32_t step,
              unsigned flags = AT_RECURSIVE) noexcept {
  struct mount_attr attr {};
  attr.attr_set = set;
  if (::syscall(SYS_mount_setattr, AT_FDCWD, path, flags, &attr, sizeof attr) != 0) fail(p, step);
}

void root_step(const ChildPlan& p, const RootStep& s) noexcept {
  switch (s.kind) {
    case RootStep::dir:
      if (::mkdir(s.target, 0755) != 0 && errno != EEXIST) fail(p, step_root_step);
      return;
    case RootStep::mountpoint: {
      const int fd = ::open(s.target, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0444);
      if (fd < 0 && errno != EEXIST) fail(p, step_root_step);
      if (fd >= 0) ::close(fd);
      return;
    }
    case RootStep::bind_ro:
      if (::mount(s.source, s.target, nullptr, MS_BIND | MS_REC, nullptr) != 0) fail(p, step_root_step);
      set_attr(p, s.target, MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV, step_root_step);
      return;
    case RootStep::bind_dev:
      if (::mount(s.source, s.target, nullptr, MS_BIND, nullptr) != 0) fail(p, step_root_step);
      set_attr(p, s.target, MOUNT_ATTR_NOSUID | MOUNT_ATTR_NOEXEC, step_root_step, 0);
      return;
    case RootStep::symlink:
      if (::symlink(s.source, s.target) != 0 && errno != EEXIST) fail(p, step_root_step);
      return;
    case RootStep::file: {
      const int fd = ::open(s.target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0444);
      if (fd < 0) fail(p, step_root_step);
      std::size_t done = 0;
      while (done < s.length) {
        const ssize_t n = ::write(fd, s.source + done, s.length - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) fail(p, step_root_step);
        done += static_cast<std::size_t>(n);
      }
      ::close(fd);
      return;
    }
    case RootStep::tmpfs:
      if (::mount("tmpfs", s.target, "tmpfs", MS_NOSUID | MS_NODEV, s.source) != 0) fail(p, step_root_step);
      return;
    case RootStep::proc:
      // hidepid: init (and, as root, the engine's side) is invisible to the run; its own
      // processes are not.
      if (::mount("proc", s.target, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, "hidepid=invisible") != 0) {
        fail(p, step_mount_proc);
      }
      return;
    default:
      errno = EINVAL;
      fail(p, step_root_step);
  }
}

// The host's run directory (O_PATH, in the detached old tree) and the run's tmpfs, kept by init for
// the copy back after the run; never inherited by the main process (CLOEXEC, and closed).
struct RunDirs {
  int host = -1;
  int run = -1;
};

RunDirs mount_sandbox(const ChildPlan& p) noexcept {
  RunDirs dirs;
  if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) fail(p, step_mount_private);
  // The base: a small tmpfs holding the new root's own directories and files.
  if (::mount("tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,nr_inodes=1024,mode=0755") != 0 ||
      ::chdir("/tmp") != 0 || ::mkdir("newroot", 0755) != 0 || ::mkdir("oldroot", 0755) != 0 ||
      ::syscall(SYS_pivot_root, "/tmp", "oldroot") != 0 || ::chdir("/") != 0 ||
      ::mount("newroot", "newroot", nullptr, MS_BIND | MS_REC, nullptr) != 0) {
    fail(p, step_root_base);
  }
  dirs.host = ::open(p.old_rundir, O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (dirs.host < 0) fail(p, step_bind_rundir);
  for (int i = 0; i < p.n_root_steps; ++i) root_step(p, p.root_steps[i]);

  // The run directory: a fresh tmpfs (size and inodes capped) with the inputs copied in.
  if (::mount("tmpfs", p.new_rundir, "tmpfs", MS_NOSUID | MS_NODEV, p.rundir_options) != 0) {
    fail(p, step_rundir_tmpfs);
  }
  dirs.run = ::open(p.new_rundir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dirs.run < 0) fail(p, step_rundir_tmpfs);
  for (int i = 0; i < p.n_copy_in_dirs; ++i) {
    if (::mkdirat(dirs.run, p.copy_in_dirs[i], 0755) != 0 && errno != EEXIST) fail(p, step_copy_in);
    if (p.change_uid) ::fchownat(dirs.run, p.copy_in_dirs[i], p.uid, p.gid, AT_SYMLINK_NOFOLLOW);
  }
  for (int i = 0; i < p.n_copy_in; ++i) {
    const int in = ::openat(dirs.host, p.copy_in[i], O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (in < 0) fail(p, step_copy_in);
    struct stat st {};
    if (::fstat(in, &st) != 0 || !S_ISREG(st.st_mode)) {
      errno = EINVAL;
      fail(p, step_copy_in);
    }
    const int out = ::openat(dirs.run, p.copy_in[i], O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                             st.st_mode & 0777);
    if (out < 0) fail(p, step_copy_in);
    if (int e = copy_fd(in, out, 0); e != 0) {
      errno = e;
      fail(p, step_copy_in);
    }
    if (p.change_uid) ::fchown(out, p.uid, p.gid);
    ::close(out);
    ::close(in);
  }
  for (int i = 0; i < p.n_hidden; ++i) {
    if (::mount("tmpfs", p.hidden[i], "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC,
                "size=4k,nr_inodes=1,mode=0555") != 0 &&
        errno != ENOENT) {
      fail(p, step_mount_hide);
    }
  }
  // Detach the host's tree, then make /newroot the root.
  if (::mount("oldroot", "oldroot", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0 ||
      ::umount2("oldroot", MNT_DETACH) != 0 || ::chdir("/newroot") != 0 ||
      ::syscall(SYS_pivot_root, ".", ".") != 0 || ::umount2(".", MNT_DETACH) != 0 || ::chdir("/") != 0) {
    fail(p, step_pivot);
  }
  set_attr(p, "/", MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV, step_pivot, 0);
  return dirs;
}

// After the run: whether the run's tmpfs filled up, then the files to hand back.
void finish_rundir(const ChildPlan& p, const RunDirs& dirs) noexcept {
  if (dirs.run < 0) return;
  struct statfs fs {};
  if (::fstatfs(dirs.run, &fs) == 0) {
    if (fs.f_bavail == 0) send(p.status_fd, StatusMessage::rundir_full, 1);
    else if (fs.f_ffree == 0) send(p.status_fd, StatusMessage::rundir_full, 2);
  }
  for (int i = 0; i < p.n_copy_out; ++i) {
    struct open_how how {};
    how.flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK;
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS | RESOLVE_NO_XDEV;
    const int in = static_cast<int>(::syscall(SYS_openat2, dirs.run, p.copy_out[i], &how, sizeof how));
    if (in < 0) continue;
    struct stat st {};
    if (::fstat(in, &st) == 0 && S_ISREG(st.st_mode)) {
      const int out = ::openat(dirs.host, p.copy_out[i], O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC,
                               st.st_mode & 0755);
      if (out >= 0) {
        copy_fd(in, out, p.copy_out_cap);
        ::close(out);
      }
    }
    ::close(in);
  }
}

// Forks the main process, reports its end, then kills and reaps everything else. Never returns
// in the supervisor; returns in the main process.
void supervise(const ChildPlan& p, bool pid_namespace_init, const RunDirs& dirs = {}) noexcept {
  const pid_t main_pid = ::fork();
  if (main_pid < 0) fail(p, step_fork);
  if (main_pid == 0) {
    become_main(p);
    return;
  }
  if (!pid_namespace_init) send(p.status_fd, StatusMessage::killable, main_pid);
  send(p.status_fd, StatusMessage::main_pid, main_pid);  // in init: as the namespace numbers it
  close_all_but_three(p.status_fd, dirs.host, dirs.run);
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
  finish_rundir(p, dirs);
  send(p.status_fd, StatusMessage::reaped, reaped);
  ::_exit(0);
}

}  // namespace

void sandbox_child(const ChildPlan& p) noexcept {
  ::prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
  if (::getppid() != p.engine_pid) ::_exit(127);
  // Away from the engine's session and its controlling terminal: nothing of the run can open
  // /dev/tty, push input into it (TIOCSTI) or receive its signals.
  if (::setsid() < 0) fail(p, step_session);
  for (int i = 0; i < p.n_cgroup_fds; ++i) {
    if (::write(p.cgroup_procs_fds[i], "0", 1) != 1) fail(p, step_cgroup);
  }
  if (!p.namespaces) {
    ::prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
    supervise(p, false);
    return;
  }
  // After joining the cgroups: the cgroup namespace's root is the run's own cgroup.
  int flags = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWCGROUP;
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
  // Not inspectable by the run (its /proc entry, descriptors, memory), even under the same uid.
  ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
  const RunDirs dirs = mount_sandbox(p);
  supervise(p, true, dirs);
}

}  // namespace exengine
