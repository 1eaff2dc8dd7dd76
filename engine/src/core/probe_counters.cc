#include "core/probe_counters.h"

namespace exengine {
namespace {

enum class Source { probe, merged };

struct Counter {
  const char* name;
  bool requirable;
  Source source;
};

// The probes count the `probe` ones (each process its own); the engine computes the `merged` ones
// when it merges the processes' lines (behaviour/probe_record.cc), from which process counted what.
constexpr Counter kCounters[] = {
    {"threads_started", true, Source::probe},
    {"max_concurrent_threads", true, Source::probe},
    {"max_unjoined_threads", true, Source::probe},
    {"idle_threads", true, Source::probe},
    {"daemon_threads", true, Source::probe},
    {"threads_joined", true, Source::probe},
    {"processes_started", true, Source::probe},
    {"max_unjoined_processes", true, Source::probe},
    {"helper_processes", false, Source::probe},
    {"pools_created", true, Source::probe},
    {"pool_tasks", true, Source::probe},
    {"locks_acquired", true, Source::probe},
    {"distinct_locks", true, Source::probe},
    {"lock_contention", true, Source::probe},
    {"queue_puts", true, Source::probe},
    {"queue_gets", true, Source::probe},
    {"stress_yields", false, Source::probe},
    {"child_queue_puts", true, Source::merged},
    {"parent_queue_gets", true, Source::merged},
};

std::vector<std::string> names(bool only_requirable, bool with_merged, bool only_merged = false) {
  std::vector<std::string> out;
  for (const Counter& c : kCounters) {
    if (only_requirable && !c.requirable) continue;
    if (c.source == Source::merged ? !with_merged : only_merged) continue;
    out.push_back(c.name);
  }
  return out;
}

}  // namespace

const std::vector<std::string>& probe_counter_names() {
  static const std::vector<std::string> all = names(false, false);
  return all;
}

const std::vector<std::string>& merged_counter_names() {
  static const std::vector<std::string> merged = names(false, true, true);
  return merged;
}

const std::vector<std::string>& record_counter_names() {
  static const std::vector<std::string> all = names(false, true);
  return all;
}

const std::vector<std::string>& requirable_counter_names() {
  static const std::vector<std::string> requirable = names(true, true);
  return requirable;
}

const std::vector<std::string>& probe_boolean_names() {
  static const std::vector<std::string> booleans = {"pool_used", "queue_used", "lock_used",
                                                            "pool_results_printed"};
  return booleans;
}

}  // namespace exengine
