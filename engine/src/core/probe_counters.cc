#include "core/probe_counters.h"

namespace exengine {
namespace {

struct Counter {
  const char* name;
  bool requirable;
};

constexpr Counter kCounters[] = {
    {"threads_started", true},   {"max_concurrent_threads", true}, {"daemon_threads", true},
    {"threads_joined", true},    {"processes_started", true},      {"helper_processes", false},
    {"pools_created", true},     {"pool_tasks", true},             {"locks_acquired", true},
    {"lock_contention", true},   {"queue_puts", true},             {"queue_gets", true},
    {"stress_yields", false},
};

std::vector<std::string> names(bool only_requirable) {
  std::vector<std::string> out;
  for (const Counter& c : kCounters)
    if (c.requirable || !only_requirable) out.push_back(c.name);
  return out;
}

}  // namespace

const std::vector<std::string>& probe_counter_names() {
  static const std::vector<std::string> all = names(false);
  return all;
}

const std::vector<std::string>& requirable_counter_names() {
  static const std::vector<std::string> requirable = names(true);
  return requirable;
}

const std::vector<std::string>& probe_boolean_names() {
  static const std::vector<std::string> booleans = {"pool_used", "queue_used", "lock_used"};
  return booleans;
}

}  // namespace exengine
