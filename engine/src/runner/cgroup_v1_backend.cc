#include "runner/cgroup_v1_backend.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "runner/cgroup_values.h"

namespace exengine {

namespace {

std::atomic<unsigned> run_counter{0};

class V1RunCgroup : public RunCgroup {
 public:
  V1RunCgroup(CgroupFiles& files, const std::string& pids_base, const std::string& memory_base,
              const std::string& unified_base, const Limits& limits)
      : files_(files) {
    const std::string name = fmt::format("run-{}", run_counter++);
    try {
      pids_ = make(pids_base + "/" + name);
      if (!files_.write(pids_ + "/pids.max", std::to_string(limits.processes))) {
        throw std::runtime_error(fmt::format("cannot write {}/pids.max", pids_));
      }
      memory_ = make(memory_base + "/" + name);
      const std::int64_t bytes = limits.memory_mb * 1024 * 1024;
      if (!files_.write(memory_ + "/memory.limit_in_bytes", std::to_string(bytes))) {
        throw std::runtime_error(fmt::format("cannot write {}/memory.limit_in_bytes", memory_));
      }
      files_.write(memory_ + "/memory.swappiness", "0");
      if (!unified_base.empty()) unified_ = make(unified_base + "/" + name);
    } catch (...) {
      release();
      throw;
    }
  }
  ~V1RunCgroup() override { release(); }

  const std::vector<int>& procs_fds() const override { return procs_fds_; }
  double cpu_ms() const override {
    return unified_.empty() ? -1 : usage_ms(files_.read(unified_ + "/cpu.stat"));
  }
  std::int64_t peak_kb() const override {
    const std::int64_t b = single_value(files_.read(memory_ + "/memory.max_usage_in_bytes"));
    return b < 0 ? -1 : b / 1024;
  }
  bool oom_killed() const override {
    return keyed_value(files_.read(memory_ + "/memory.oom_control"), "oom_kill") > 0;
  }
  bool pids_limit_hit() const override {
    return keyed_value(files_.read(pids_ + "/pids.events"), "max") > 0;
  }
  int process_count() const override {
    return static_cast<int>(std::max<std::int64_t>(0, single_value(files_.read(pids_ + "/pids.current"))));
  }
  void kill() const override {
    if (!unified_.empty() && files_.write(unified_ + "/cgroup.kill", "1")) return;
    for (const auto& dir : {pids_, memory_}) {
      if (!dir.empty()) kill_listed(files_.read(dir + "/cgroup.procs"));
    }
  }

 private:
  std::string make(const std::string& dir) {
    if (!files_.make_dir(dir)) {
      throw std::runtime_error(fmt::format("cannot create the cgroup {}: {}", dir, std::strerror(errno)));
    }
    dirs_.push_back(dir);
    const int fd = files_.open_for_writing(dir + "/cgroup.procs");
    if (fd < 0) throw std::runtime_error(fmt::format("cannot open {}/cgroup.procs: {}", dir, std::strerror(errno)));
    procs_fds_.push_back(fd);
    return dir;
  }
  void release() {
    for (int fd : procs_fds_) ::close(fd);
    procs_fds_.clear();
    remove_dirs(files_, dirs_, [this] { kill(); });
    dirs_.clear();
  }

  CgroupFiles& files_;
  std::vector<std::string> dirs_;  // created, removed in reverse order
  std::string pids_, memory_, unified_;
  std::vector<int> procs_fds_;
};

}  // namespace

CgroupV1Backend::CgroupV1Backend(CgroupFiles& files, std::string pids, std::string memory, std::string unified)
    : files_(files), pids_(std::move(pids)), memory_(std::move(memory)), unified_(std::move(unified)) {}

std::unique_ptr<RunCgroup> CgroupV1Backend::create(const Limits& limits) {
  if (!this->limits()) throw std::runtime_error(missing());
  return std::make_unique<V1RunCgroup>(files_, pids_, memory_, unified_, limits);
}

std::string CgroupV1Backend::describe() const {
  std::vector<std::string> c;
  if (!pids_.empty()) c.push_back("pids");
  if (!memory_.empty()) c.push_back("memory");
  return fmt::format("cgroup v1 ({})", c.empty() ? std::string("none") : fmt::format("{}", fmt::join(c, ", ")));
}

std::vector<std::string> CgroupV1Backend::controllers() const {
  std::vector<std::string> c;
  if (!memory_.empty()) c.push_back("memory");
  if (!pids_.empty()) c.push_back("pids");
  return c;
}

std::string CgroupV1Backend::missing() const {
  if (limits()) return {};
  std::vector<std::string> m;
  if (pids_.empty()) m.push_back("pids");
  if (memory_.empty()) m.push_back("memory");
  return fmt::format("no usable cgroup v1 {} controller: the process and memory limits are rlimits only",
                     fmt::join(m, " or "));
}

}  // namespace exengine
