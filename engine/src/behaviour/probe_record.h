// ProbeRecord: what a submission did (threads, processes, pools, locks, queues), merged from the
// one-JSON-line-per-process record file the probes write (engine/probes/).
//
// The checker, after a run (see probe_setup.h for the run's side):
//   ProbeRecord record = read_probe_record(outcome, plan);
//   trial.probe_json = record.json;
//   then check_requirements(exercise.requires_, record) (requirements.h).
// Merging: counters are summed over processes, except max_concurrent_threads (the most of any one
// process). No line at all (a static binary, python -I, a program killed before exit) means the
// probe was unavailable: requirements are then unchecked, never failed.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/probe_counters.h"

namespace exengine {

struct ProbePlan;
struct RunOutcome;

struct ProbeRecord {
  bool available = false;  // at least one process wrote a line
  bool partial = false;    // a process reported a probe failure, or a line did not parse
  int processes = 0;       // lines merged (one per process that exited normally)
  std::string probe;       // "python" or "native" (empty when unavailable)
  std::optional<std::uint64_t> seed;  // stress seed the probe saw
  std::map<std::string, std::int64_t> counters;  // every name of probe_counter_names(), 0 when absent
  std::string json;        // the merged record for results and reports (JSON object text)

  // A counter, or a boolean as 0/1: pool_used (pools_created or pool_tasks > 0), queue_used
  // (queue_puts or queue_gets > 0), lock_used (locks_acquired > 0). Unknown names read 0.
  std::int64_t value(std::string_view name) const;
};


// Merges record-file text (JSON lines). Empty text: unavailable. With `program` (a canonical
// path), the record is unavailable unless a line's "exe" is that program (or has its file name).
ProbeRecord parse_probe_record(std::string_view jsonl, const std::string& program = {});
// The record collected by a run prepared with `plan` (unavailable when nothing was collected).
ProbeRecord read_probe_record(const RunOutcome& outcome, const ProbePlan& plan);

}  // namespace exengine
