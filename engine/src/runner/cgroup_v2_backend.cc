#include "runner/cgroup_v2_backend.h"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

#include "runner/cgroup_values.h"

namespace exengine {

namespace {

std::atomic<unsigned> run_counter{0};

class V2RunCgroup : public RunCgroup {
 public:
  V2RunCgroup(CgroupFiles& files, const std::string& parent, bool memory, bool pids, const Limits& limits)
      : files_(files), dir_(fmt::format("{}/run-{}", parent, run_counter++)) {
    if (!files_.make_dir(dir_)) {
      throw std::runtime_error(fmt::format("cannot create the cgroup {}: {}", dir_, std::strerror(errno)));
    }
    try {
      if (memory) {
        const std::int64_t bytes = limits.memory_mb * 1024 * 1024;
        configure("memory.max", std::to_string(bytes));
        // No swap: a run over its memory is killed, not slowed down (absent without swap support).
        files_.write(dir_ + "/memory.swap.max", "0");
      }
      if (pids) configure("pids.max", std::to_string(limits.processes));
      const int fd = files_.open_for_writing(dir_ + "/cgroup.procs");
      if (fd < 0) throw std::runtime_error(fmt::format("cannot open {}/cgroup.procs: {}", dir_, std::strerror(errno)));
      procs_fds_.push_back(fd);
    } catch (...) {
      files_.remove_dir(dir_);
      throw;
    }
  }
  ~V2RunCgroup() override {
    for (int fd : procs_fds_) ::close(fd);
    remove_dirs(files_, {dir_}, [this] { kill(); });
  }

  const std::vector<int>& procs_fds() const override { return procs_fds_; }
  double cpu_ms() const override { return usage_ms(files_.read(dir_ + "/cpu.stat")); }
  std::int64_t peak_kb() const override {
    const std::int64_t b = single_value(files_.read(dir_ + "/memory.peak"));  // Linux 5.19+
    return b < 0 ? -1 : b / 1024;
  }
  bool oom_killed() const override { return keyed_value(files_.read(dir_ + "/memory.events"), "oom_kill") > 0; }
  bool pids_limit_hit() const override { return keyed_value(files_.read(dir_ + "/pids.events"), "max") > 0; }
  int process_count() const override {
    int n = 0;
    for (char c : files_.read(dir_ + "/cgroup.procs")) n += c == '\n';
    return n;
  }
  void kill() const override {
    if (!files_.write(dir_ + "/cgroup.kill", "1")) kill_listed(files_.read(dir_ + "/cgroup.procs"));
  }

 private:
  void configure(const char* file, const std::string& value) {
    if (!files_.write(dir_ + "/" + file, value)) {
      throw std::runtime_error(fmt::format("cannot write {}/{}: {}", dir_, file, std::strerror(errno)));
    }
  }

  CgroupFiles& files_;
  std::string dir_;
  std::vector<int> procs_fds_;
};

}  // namespace

CgroupV2Backend::CgroupV2Backend(CgroupFiles& files, std::string parent, bool memory, bool pids, std::string why_missing)
    : files_(files), parent_(std::move(parent)), memory_(memory), pids_(pids), why_missing_(std::move(why_missing)) {}

std::unique_ptr<RunCgroup> CgroupV2Backend::create(const Limits& limits) {
  return std::make_unique<V2RunCgroup>(files_, parent_, memory_, pids_, limits);
}

std::string CgroupV2Backend::describe() const {
  std::vector<std::string> c;
  if (memory_) c.push_back("memory");
  if (pids_) c.push_back("pids");
  return fmt::format("cgroup v2 ({})", c.empty() ? std::string("none") : fmt::format("{}", fmt::join(c, ", ")));
}

std::vector<std::string> CgroupV2Backend::controllers() const {
  std::vector<std::string> c;
  if (memory_) c.push_back("memory");
  if (pids_) c.push_back("pids");
  return c;
}

std::string CgroupV2Backend::missing() const {
  if (limits()) return {};
  std::vector<std::string> m;
  if (!memory_) m.push_back("memory");
  if (!pids_) m.push_back("process");
  return fmt::format("the {} limit{} of runs {} rlimit-only: {}", fmt::join(m, " and "), m.size() > 1 ? "s" : "",
                     m.size() > 1 ? "are" : "is", why_missing_.empty() ? "no cgroup v2 controller for it" : why_missing_);
}

}  // namespace exengine
