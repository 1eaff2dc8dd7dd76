#include "runner/tree_kill.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

namespace exengine {

namespace {

struct LinuxDirent64 {
  ino64_t d_ino;
  off64_t d_off;
  unsigned short d_reclen;
  unsigned char d_type;
  char d_name[];
};

// Parent pid from /proc/<pid>/stat ("pid (comm) state ppid ..."), or -1.
pid_t parent_of(const char* pid_name) noexcept {
  char path[64] = "/proc/";
  int i = 6;
  for (const char* c = pid_name; *c && i < 50; ++c) path[i++] = *c;
  const char tail[] = "/stat";
  for (const char* c = tail; *c; ++c) path[i++] = *c;
  path[i] = 0;
  int fd = ::open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  char buf[512];
  ssize_t n = ::read(fd, buf, sizeof buf - 1);
  ::close(fd);
  if (n <= 0) return -1;
  buf[n] = 0;
  // comm may hold ')' and spaces: the last ')' ends it.
  char* close_paren = nullptr;
  for (ssize_t k = 0; k < n; ++k) {
    if (buf[k] == ')') close_paren = buf + k;
  }
  if (!close_paren) return -1;
  char* p = close_paren + 1;
  while (*p == ' ') ++p;
  if (*p) ++p;  // state
  while (*p == ' ') ++p;
  pid_t ppid = 0;
  bool any = false;
  while (*p >= '0' && *p <= '9') {
    ppid = ppid * 10 + (*p - '0');
    ++p;
    any = true;
  }
  return any ? ppid : -1;
}

}  // namespace

int kill_children_of(pid_t parent) noexcept {
  int dir = ::open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0) return 0;
  int killed = 0;
  alignas(8) char buf[8192];
  for (;;) {
    long n = ::syscall(SYS_getdents64, dir, buf, sizeof buf);
    if (n <= 0) break;
    for (long off = 0; off < n;) {
      auto* d = reinterpret_cast<LinuxDirent64*>(buf + off);
      off += d->d_reclen;
      if (d->d_name[0] < '1' || d->d_name[0] > '9') continue;
      if (parent_of(d->d_name) != parent) continue;
      pid_t pid = 0;
      for (const char* c = d->d_name; *c; ++c) pid = pid * 10 + (*c - '0');
      if (::kill(pid, SIGKILL) == 0) ++killed;
    }
  }
  ::close(dir);
  return killed;
}

int kill_and_reap_tree(pid_t pgid, bool pid_namespace_init) noexcept {
  if (pid_namespace_init) ::kill(-1, SIGKILL);
  if (pgid > 0) ::kill(-pgid, SIGKILL);
  const pid_t self = ::getpid();
  int reaped = 0;
  for (;;) {
    int status = 0;
    pid_t r = ::waitpid(-1, &status, WNOHANG | __WALL);
    if (r > 0) {
      ++reaped;
      continue;
    }
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) break;  // ECHILD: nothing left
    // Children remain alive: escaped the group (setsid) or were just reparented to us.
    if (pid_namespace_init) {
      ::kill(-1, SIGKILL);
    } else {
      kill_children_of(self);
    }
    r = ::waitpid(-1, &status, __WALL);
    if (r > 0) ++reaped;
    else if (r < 0 && errno != EINTR) break;
  }
  return reaped;
}

}  // namespace exengine
