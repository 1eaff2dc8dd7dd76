// ProbeCounters: the names of what a behaviour probe counts, the engine's one list of them. The
// record reader (behaviour/probe_record.h) and the manifest's `requires` (manifest/manifest.h) use
// it; the probes themselves (engine/probes/: sitecustomize.py, exengine_probe.c) and the teaching
// texts (behaviour/requirements.cc) are checked against it by tests/probe_counters_test.cc.
#pragma once

#include <string>
#include <vector>

namespace exengine {

// Every counter a probe writes on its exit line, in report order.
const std::vector<std::string>& probe_counter_names();
// The counters the engine computes when it merges the processes' lines (which process counted
// what: child_queue_puts, parent_queue_gets); no probe writes them.
const std::vector<std::string>& merged_counter_names();
// Every counter of a merged record: probe_counter_names() then merged_counter_names().
const std::vector<std::string>& record_counter_names();
// The counters a manifest may require (all but helper_processes and stress_yields, which only inform).
const std::vector<std::string>& requirable_counter_names();
// The booleans a record derives (pool_used, queue_used, lock_used from the counters;
// pool_results_printed from the pools' results and the output).
const std::vector<std::string>& probe_boolean_names();

}  // namespace exengine
