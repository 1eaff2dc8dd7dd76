#include "runner/run_cgroup.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

namespace exengine {

namespace {

std::string read_text(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return {};
  std::string out;
  char buf[4096];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return out;
}

bool write_text(const std::string& path, const std::string& text) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ::close(fd);
  return ok;
}

// "key value" lines: the value of `key`, or -1.
std::int64_t keyed_value(const std::string& text, const std::string& key) {
  std::istringstream in(text);
  std::string k;
  std::int64_t v;
  while (in >> k >> v) {
    if (k == key) return v;
  }
  return -1;
}

// The engine's own cgroup in one hierarchy ("" for v2), from /proc/self/cgroup.
std::string own_cgroup(const std::string& controller) {
  std::istringstream in(read_text("/proc/self/cgroup"));
  std::string line;
  while (std::getline(in, line)) {
    auto a = line.find(':');
    auto b = line.find(':', a + 1);
    if (a == std::string::npos || b == std::string::npos) continue;
    const std::string ctrls = line.substr(a + 1, b - a - 1);
    const std::string path = line.substr(b + 1);
    if (controller.empty() ? (line.substr(0, a) == "0" && ctrls.empty()) : ("," + ctrls + ",").find("," + controller + ",") != std::string::npos) {
      return path;
    }
  }
  return {};
}

// Creates <mount><own cgroup>/exengine-<pid> and checks a child can be made in it.
std::string engine_dir(const std::string& mount, const std::string& controller) {
  struct stat st {};
  if (::stat(mount.c_str(), &st) != 0) return {};
  std::string own = own_cgroup(controller);
  if (own.empty() && !controller.empty()) return {};
  if (own == "/") own.clear();
  std::string dir = fmt::format("{}{}/exengine-{}", mount, own, ::getpid());
  if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) return {};
  std::string probe = dir + "/probe";
  if (::mkdir(probe.c_str(), 0755) != 0 && errno != EEXIST) {
    ::rmdir(dir.c_str());
    return {};
  }
  ::rmdir(probe.c_str());
  return dir;
}

std::atomic<unsigned> run_counter{0};

struct SupportHolder {
  RunCgroup::Support s;
  SupportHolder() {
    s.pids = engine_dir("/sys/fs/cgroup/pids", "pids");
    s.memory = engine_dir("/sys/fs/cgroup/memory", "memory");
    s.unified = engine_dir("/sys/fs/cgroup/unified", "");
    if (s.unified.empty()) {
      // A pure v2 host mounts the hierarchy at /sys/fs/cgroup itself; it is not used here.
    }
  }
  ~SupportHolder() {
    for (const auto& d : {s.pids, s.memory, s.unified}) {
      if (!d.empty()) ::rmdir(d.c_str());
    }
  }
};

}  // namespace

const RunCgroup::Support& RunCgroup::support() {
  static SupportHolder holder;
  return holder.s;
}

RunCgroup::RunCgroup(const Limits& limits) {
  const Support& sup = support();
  if (!sup.usable()) throw std::runtime_error("cgroups are not available to this user");
  const std::string name = fmt::format("run-{}", run_counter++);
  auto make = [this, &name](const std::string& base) {
    std::string dir = base + "/" + name;
    if (::mkdir(dir.c_str(), 0755) != 0) {
      throw std::runtime_error(fmt::format("cannot create the cgroup {}: {}", dir, std::strerror(errno)));
    }
    dirs_.push_back(dir);
    int fd = ::open((dir + "/cgroup.procs").c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) {
      throw std::runtime_error(fmt::format("cannot open {}/cgroup.procs: {}", dir, std::strerror(errno)));
    }
    procs_fds_.push_back(fd);
    return dir;
  };
  try {
    pids_ = make(sup.pids);
    if (!write_text(pids_ + "/pids.max", std::to_string(limits.processes))) {
      throw std::runtime_error(fmt::format("cannot write {}/pids.max", pids_));
    }
    memory_ = make(sup.memory);
    const std::int64_t bytes = limits.memory_mb * 1024 * 1024;
    if (!write_text(memory_ + "/memory.limit_in_bytes", std::to_string(bytes))) {
      throw std::runtime_error(fmt::format("cannot write {}/memory.limit_in_bytes", memory_));
    }
    write_text(memory_ + "/memory.swappiness", "0");
    if (!sup.unified.empty()) unified_ = make(sup.unified);
  } catch (...) {
    for (int fd : procs_fds_) ::close(fd);
    for (auto it = dirs_.rbegin(); it != dirs_.rend(); ++it) ::rmdir(it->c_str());
    throw;
  }
}

RunCgroup::~RunCgroup() {
  for (int fd : procs_fds_) ::close(fd);
  for (auto it = dirs_.rbegin(); it != dirs_.rend(); ++it) {
    for (int attempt = 0; attempt < 200; ++attempt) {
      if (::rmdir(it->c_str()) == 0 || errno == ENOENT) break;
      if (errno != EBUSY) break;
      kill();
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
}

double RunCgroup::cpu_ms() const {
  if (unified_.empty()) return -1;
  std::int64_t us = keyed_value(read_text(unified_ + "/cpu.stat"), "usage_usec");
  return us < 0 ? -1 : static_cast<double>(us) / 1000.0;
}

std::int64_t RunCgroup::peak_kb() const {
  const std::string t = read_text(memory_ + "/memory.max_usage_in_bytes");
  if (t.empty()) return -1;
  return std::stoll(t) / 1024;
}

bool RunCgroup::oom_killed() const {
  return keyed_value(read_text(memory_ + "/memory.oom_control"), "oom_kill") > 0;
}

bool RunCgroup::pids_limit_hit() const {
  return keyed_value(read_text(pids_ + "/pids.events"), "max") > 0;
}

int RunCgroup::process_count() const {
  const std::string t = read_text(pids_ + "/pids.current");
  return t.empty() ? 0 : std::stoi(t);
}

void RunCgroup::kill() const {
  if (!unified_.empty() && write_text(unified_ + "/cgroup.kill", "1")) return;
  for (const auto& dir : {pids_, memory_}) {
    if (dir.empty()) continue;
    std::istringstream in(read_text(dir + "/cgroup.procs"));
    pid_t pid;
    while (in >> pid) ::kill(pid, SIGKILL);
  }
}

}  // namespace exengine
