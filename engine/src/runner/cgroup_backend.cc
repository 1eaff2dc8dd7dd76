#include "runner/cgroup_backend.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#include <thread>

#include <fmt/format.h>

#include "runner/cgroup_layout.h"
#include "runner/cgroup_v1_backend.h"
#include "runner/cgroup_v2_backend.h"
#include "runner/cgroup_values.h"

namespace exengine {

namespace {

class RealCgroupFiles : public CgroupFiles {
 public:
  bool make_dir(const std::string& path) override { return ::mkdir(path.c_str(), 0755) == 0; }
  bool remove_dir(const std::string& path) override { return ::rmdir(path.c_str()) == 0 || errno == ENOENT; }
  bool write(const std::string& path, const std::string& text) override {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) return false;
    const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    const int e = errno;
    ::close(fd);
    errno = e;
    return ok;
  }
  std::string read(const std::string& path) override {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return {};
    std::string out;
    char buf[4096];
    for (;;) {
      const ssize_t n = ::read(fd, buf, sizeof buf);
      if (n <= 0) break;
      out.append(buf, static_cast<size_t>(n));
    }
    ::close(fd);
    return out;
  }
  int open_for_writing(const std::string& path) override { return ::open(path.c_str(), O_WRONLY | O_CLOEXEC); }
  std::vector<std::string> list_dirs(const std::string& path) override {
    std::vector<std::string> out;
    DIR* d = ::opendir(path.c_str());
    if (!d) return out;
    while (const dirent* e = ::readdir(d)) {
      if (e->d_type == DT_DIR && std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0) {
        out.emplace_back(e->d_name);
      }
    }
    ::closedir(d);
    return out;
  }
};

// The engine's own cgroup in one v1 hierarchy, or in the v2 one (controller ""), from
// /proc/self/cgroup; "" for the root.
std::string own_cgroup(const std::string& controller) {
  std::istringstream in(CgroupFiles::real().read("/proc/self/cgroup"));
  std::string line;
  while (std::getline(in, line)) {
    const auto a = line.find(':');
    const auto b = line.find(':', a + 1);
    if (a == std::string::npos || b == std::string::npos) continue;
    const std::string ctrls = line.substr(a + 1, b - a - 1);
    std::string path = line.substr(b + 1);
    const bool match = controller.empty() ? (line.substr(0, a) == "0" && ctrls.empty())
                                          : ("," + ctrls + ",").find("," + controller + ",") != std::string::npos;
    if (match) return path == "/" ? std::string() : path;
  }
  return {};
}

// <hierarchy><own cgroup>, with stale engines' folders removed, then <that>/exengine-<pid> made
// and checked to take a child; "" when any step fails.
std::string engine_dir(CgroupFiles& files, const std::string& hierarchy, const std::string& controller) {
  if (hierarchy.empty()) return {};
  const std::string parent = hierarchy + own_cgroup(controller);
  struct stat st {};
  if (::stat(parent.c_str(), &st) != 0) return {};
  remove_stale_cgroups(files, parent, engine_alive);
  const std::string dir = fmt::format("{}/exengine-{}", parent, ::getpid());
  if (!files.make_dir(dir) && errno != EEXIST) return {};
  if (!files.make_dir(dir + "/probe") && errno != EEXIST) {
    files.remove_dir(dir);
    return {};
  }
  files.remove_dir(dir + "/probe");
  return dir;
}

bool has_word(const std::string& text, const std::string& word) {
  std::istringstream in(text);
  std::string w;
  while (in >> w) {
    if (w == word) return true;
  }
  return false;
}

// Pure v2: runs in <own>/exengine-<pid>/run-<n>. The memory and pids controllers must reach them:
// enabled in <own>'s and exengine-<pid>'s cgroup.subtree_control. A non-root cgroup with processes
// cannot enable them ("no internal processes"), so an engine alone in its cgroup (a delegated
// systemd scope, a Slurm step) first moves itself into <own>/exengine-<pid>/engine.
struct V2Setup {
  std::string own, dir, leaf;
  bool memory = false, pids = false;
  std::string why;
};

V2Setup set_up_v2(CgroupFiles& files, const std::string& unified) {
  V2Setup s;
  s.own = unified + own_cgroup("");
  remove_stale_cgroups(files, s.own, engine_alive);
  s.dir = fmt::format("{}/exengine-{}", s.own, ::getpid());
  if (!files.make_dir(s.dir) && errno != EEXIST) {
    s.why = fmt::format("cannot create {} ({})", s.dir, std::strerror(errno));
    s.dir.clear();
    return s;
  }
  const std::string available = files.read(s.own + "/cgroup.controllers");
  std::vector<std::string> wanted;
  for (const char* c : {"memory", "pids"}) {
    if (has_word(available, c)) wanted.push_back(c);
  }
  auto enable = [&](const std::string& cg) {
    std::string text;
    for (const auto& c : wanted) text += (text.empty() ? "+" : " +") + c;
    return text.empty() || files.write(cg + "/cgroup.subtree_control", text);
  };
  bool ok = enable(s.own);
  if (!ok && errno == EBUSY) {
    // Our own cgroup holds processes: move this engine into a leaf of its own and try again.
    s.leaf = s.dir + "/engine";
    if ((files.make_dir(s.leaf) || errno == EEXIST) && files.write(s.leaf + "/cgroup.procs", std::to_string(::getpid()))) {
      ok = enable(s.own);
    }
  }
  if (ok) ok = enable(s.dir);
  const std::string enabled = files.read(s.dir + "/cgroup.subtree_control");
  s.memory = ok && has_word(enabled, "memory");
  s.pids = ok && has_word(enabled, "pids");
  if (!s.memory || !s.pids) {
    if (wanted.size() < 2) {
      s.why = fmt::format("the memory and pids controllers are not both delegated to {} (it has: {})", s.own,
                          available.empty() ? std::string("none") : available.substr(0, available.find('\n')));
    } else {
      s.why = fmt::format("cannot enable the memory and pids controllers for {}'s children ({}): run the engine "
                          "in a delegated cgroup, e.g. systemd-run --user --scope -p Delegate=yes exengine ...",
                          s.own, std::strerror(errno));
    }
  }
  return s;
}

struct HostBackend {
  CgroupLayout layout = CgroupLayout::host();
  std::string v1_pids, v1_memory, v1_unified;
  V2Setup v2;
  std::unique_ptr<CgroupBackend> backend;

  HostBackend() {
    CgroupFiles& files = CgroupFiles::real();
    if (layout.kind == CgroupLayout::Kind::pure_v2) {
      v2 = set_up_v2(files, layout.unified);
      if (!v2.dir.empty()) {
        backend = std::make_unique<CgroupV2Backend>(files, v2.dir, v2.memory, v2.pids, v2.why);
        return;
      }
    } else if (layout.kind != CgroupLayout::Kind::none) {
      v1_pids = engine_dir(files, layout.v1_pids, "pids");
      v1_memory = engine_dir(files, layout.v1_memory, "memory");
      v1_unified = engine_dir(files, layout.unified, "");
    }
    backend = std::make_unique<CgroupV1Backend>(files, v1_pids, v1_memory, v1_unified);
  }
  ~HostBackend() {
    CgroupFiles& files = CgroupFiles::real();
    backend.reset();
    for (const auto& d : {v1_pids, v1_memory, v1_unified}) {
      if (!d.empty()) files.remove_dir(d);
    }
    if (!v2.leaf.empty()) {
      files.write(v2.own + "/cgroup.procs", std::to_string(::getpid()));  // back where we started
      files.remove_dir(v2.leaf);
    }
    if (!v2.dir.empty()) files.remove_dir(v2.dir);
  }
};

}  // namespace

CgroupFiles& CgroupFiles::real() {
  static RealCgroupFiles files;
  return files;
}

CgroupBackend& CgroupBackend::host() {
  static HostBackend holder;
  return *holder.backend;
}

bool engine_alive(pid_t pid, const std::string& dir) {
  std::ifstream in(fmt::format("/proc/{}/stat", pid));
  std::string stat((std::istreambuf_iterator<char>(in)), {});
  const auto close = stat.rfind(')');
  if (close == std::string::npos) return false;  // no such process
  // Field 22, starttime, in clock ticks since boot (fields counted from 1; after ')' comes field 3).
  std::istringstream rest(stat.substr(close + 2));
  std::string field;
  unsigned long long start_ticks = 0;
  for (int i = 3; i <= 22 && rest >> field; ++i) {
    if (i == 22) start_ticks = std::strtoull(field.c_str(), nullptr, 10);
  }
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0) return true;  // cannot tell: leave it
  double uptime = 0;
  std::ifstream up("/proc/uptime");
  if (!(up >> uptime)) return true;
  const double boot = static_cast<double>(std::time(nullptr)) - uptime;
  const double started = boot + static_cast<double>(start_ticks) / static_cast<double>(::sysconf(_SC_CLK_TCK));
  // Seconds of slack for the clocks' resolutions: a process started well after the folder last
  // changed cannot be the engine that made it.
  return started <= static_cast<double>(st.st_mtim.tv_sec) + 2.0;
}

int remove_stale_cgroups(CgroupFiles& files, const std::string& parent, EngineAlive alive) {
  int removed = 0;
  for (const auto& name : files.list_dirs(parent)) {
    if (name.rfind("exengine-", 0) != 0) continue;
    const std::string digits = name.substr(9);
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) continue;
    const pid_t pid = static_cast<pid_t>(std::strtol(digits.c_str(), nullptr, 10));
    const std::string dir = parent + "/" + name;
    if (pid == ::getpid() || alive(pid, dir)) continue;
    std::vector<std::string> dirs{dir};
    for (const auto& run : files.list_dirs(dir)) dirs.push_back(dir + "/" + run);
    remove_dirs(files, dirs, [&] {
      for (std::size_t i = 1; i < dirs.size(); ++i) {
        if (!files.write(dirs[i] + "/cgroup.kill", "1")) kill_listed(files.read(dirs[i] + "/cgroup.procs"));
      }
    });
    ++removed;
  }
  return removed;
}

}  // namespace exengine
