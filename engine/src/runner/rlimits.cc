#include "runner/rlimits.h"

#include <cerrno>
#include <cmath>

namespace exengine {

RlimitPlan RlimitPlan::from(const Limits& limits, bool address_space, rlim_t nproc) {
  RlimitPlan p;
  auto add = [&p](int resource, rlim_t soft, rlim_t hard) {
    p.entries[p.n].resource = resource;
    p.entries[p.n].value = {soft, hard};
    ++p.n;
  };
  // CPU: SIGXCPU at the soft limit, SIGKILL one second later.
  const auto cpu = static_cast<rlim_t>(std::ceil(limits.cpu_s));
  add(RLIMIT_CPU, cpu, cpu + 1);
  add(RLIMIT_CORE, 0, 0);
  const auto fsize = static_cast<rlim_t>(limits.file_size_kb) * 1024;
  add(RLIMIT_FSIZE, fsize, fsize);
  add(RLIMIT_NOFILE, static_cast<rlim_t>(limits.open_files), static_cast<rlim_t>(limits.open_files));
  if (address_space && limits.memory_mb > 0) {
    const auto as = static_cast<rlim_t>(limits.memory_mb) * 1024 * 1024;
    add(RLIMIT_AS, as, as);
  }
  if (nproc > 0) add(RLIMIT_NPROC, nproc, nproc);
  add(RLIMIT_MSGQUEUE, 0, 0);
  return p;
}

std::vector<std::string> RlimitPlan::names() const {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) {
    switch (entries[i].resource) {
      case RLIMIT_CPU: out.push_back("cpu"); break;
      case RLIMIT_CORE: out.push_back("core"); break;
      case RLIMIT_FSIZE: out.push_back("fsize"); break;
      case RLIMIT_NOFILE: out.push_back("nofile"); break;
      case RLIMIT_AS: out.push_back("as"); break;
      case RLIMIT_NPROC: out.push_back("nproc"); break;
      case RLIMIT_MSGQUEUE: out.push_back("msgqueue"); break;
      default: out.push_back(std::to_string(entries[i].resource));
    }
  }
  return out;
}

int RlimitPlan::apply() const noexcept {
  for (int i = 0; i < n; ++i) {
    if (::setrlimit(entries[i].resource, &entries[i].value) != 0) return errno;
  }
  return 0;
}

}  // namespace exengine
