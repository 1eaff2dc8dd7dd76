#include "runner/sandbox_tier.h"

#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>

#include "runner/cgroup_backend.h"

namespace exengine {

namespace {

bool write_all(const char* path, const char* text) {
  int fd = ::open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = ::write(fd, text, std::strlen(text)) == static_cast<ssize_t>(std::strlen(text));
  ::close(fd);
  return ok;
}

// Whether a child can unshare the namespaces of tier A and mount a tmpfs and /proc in them.
bool namespaces_work(bool user_ns) {
  char uid_map[64], gid_map[64];
  std::snprintf(uid_map, sizeof uid_map, "%u %u 1\n", ::getuid(), ::getuid());
  std::snprintf(gid_map, sizeof gid_map, "%u %u 1\n", ::getgid(), ::getgid());
  pid_t pid = ::fork();
  if (pid < 0) return false;
  if (pid == 0) {
    int flags = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWCGROUP;
    if (user_ns) flags |= CLONE_NEWUSER;
    if (::unshare(flags) != 0) ::_exit(1);
    if (user_ns && (!write_all("/proc/self/setgroups", "deny") || !write_all("/proc/self/uid_map", uid_map) ||
                    !write_all("/proc/self/gid_map", gid_map))) {
      ::_exit(2);
    }
    pid_t init = ::fork();
    if (init < 0) ::_exit(3);
    if (init == 0) {
      if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) ::_exit(4);
      if (::mount("tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "size=64k") != 0) ::_exit(5);
      if (::mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr) != 0) ::_exit(6);
      ::_exit(0);
    }
    int st = 0;
    if (::waitpid(init, &st, 0) != init) ::_exit(7);
    ::_exit(WIFEXITED(st) ? WEXITSTATUS(st) : 8);
  }
  int st = 0;
  while (::waitpid(pid, &st, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

}  // namespace

SandboxTier SandboxTier::probe(const std::string& prefer) {
  SandboxTier t;
  t.root = ::geteuid() == 0;
  if (prefer == "B") {
    t.tier = "B";
    t.warning = "isolation is reduced (tier B forced): no namespaces or cgroups, only a process group, a subreaper and rlimits";
    return t;
  }
  if (namespaces_work(!t.root)) {
    t.tier = "A";
    t.user_namespace = !t.root;
    const CgroupBackend& cgroups = CgroupBackend::host();
    t.cgroups = cgroups.limits();
    if (!t.cgroups) t.warning = "isolation is reduced (tier A without cgroup limits): " + cgroups.missing();
    return t;
  }
  t.tier = "B";
  t.warning = "isolation is reduced (tier B): this system allows no namespaces, so runs get only a process group, a subreaper and rlimits";
  return t;
}

}  // namespace exengine
