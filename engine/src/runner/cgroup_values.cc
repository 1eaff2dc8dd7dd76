#include "runner/cgroup_values.h"

#include <signal.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <sstream>
#include <thread>

namespace exengine {

std::int64_t keyed_value(const std::string& text, const std::string& key) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream l(line);
    std::string k;
    long long v = 0;
    if (l >> k >> v && k == key) return v;
  }
  return -1;
}

std::int64_t single_value(const std::string& text) {
  if (text.empty() || text[0] < '0' || text[0] > '9') return -1;
  return std::strtoll(text.c_str(), nullptr, 10);
}

double usage_ms(const std::string& cpu_stat) {
  const std::int64_t us = keyed_value(cpu_stat, "usage_usec");
  return us < 0 ? -1 : static_cast<double>(us) / 1000.0;
}

void kill_listed(const std::string& procs) {
  std::istringstream in(procs);
  pid_t pid;
  while (in >> pid) {
    if (pid > 0) ::kill(pid, SIGKILL);
  }
}

void remove_dirs(CgroupFiles& files, const std::vector<std::string>& dirs, const std::function<void()>& kill) {
  for (auto it = dirs.rbegin(); it != dirs.rend(); ++it) {
    for (int attempt = 0; attempt < 200; ++attempt) {
      if (files.remove_dir(*it)) break;
      if (errno != EBUSY) break;
      kill();
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
}

}  // namespace exengine
