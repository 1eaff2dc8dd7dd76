// ProbeRecord: what a submission did (threads, processes, pools, locks, queues), checked and
// merged from the lines the probes (engine/probes/) wrote on the run's record pipe.
//
// The checker, after a run (see probe_setup.h for the run's side):
//   ProbeRecord record = read_probe_record(outcome, plan);
//   trial.probe_json = record.json;
//   then check_requirements(exercise.requires_, record) (requirements.h).
//
// The record format (version 1): one JSON object per line, each written with one write() of less
// than PIPE_BUF bytes, so lines of processes never mix:
//   {"v":1,"token":"<32 hex>","pid":N,"seq":K,"kind":"<kind>", ...fields of the kind}
// `seq` counts the lines of process `pid` from 0. Kinds:
//   start  the process's first line (seq 0): "probe" ("python" or "native"), "ppid", "exe";
//   exit   its last line: "exit" ("exit" or "_exit"), "partial" (the probe failed to follow
//          something), "seed", and every counter of probe_counter_names().
// Readers skip kinds they do not know (after the token and sequence checks), so later events
// (e.g. who wrote each piece of output) can be added as new kinds.
//
// What makes a record damaged (requirements then fail with "the behaviour record was damaged"):
// a line without the run's token, a torn or unparsable line, a repeated (pid, seq), a process
// whose lines have a gap or a second exit line, no exit line from the main process once its start
// line came, a probe's own failure ("partial"), more bytes than the cap, and, where the run's
// threads and processes were counted from outside (tier A: RunOutcome::tasks_created), a record
// that claims more started than the kernel saw, or a line from a pid the run never had.
// Unavailable (requirements unchecked) only when the main process never wrote its start line:
// the probe did not attach (a static binary).
// Merging: counters are summed over the exit lines, except the max_ ones (max_concurrent_threads,
// max_unjoined_threads, max_unjoined_processes: the most of any one process). The engine adds
// merged_counter_names(): child_queue_puts (queue_puts of every process but the main one) and
// parent_queue_gets (queue_gets of the main process).
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
  bool available = false;  // the main process's probe attached (its start line came)
  bool damaged = false;    // see above; `damage` says why
  std::string damage;      // "a line without the run's token", ...
  int processes = 0;       // exit lines merged
  std::string probe;       // "python" or "native" (empty when unavailable)
  std::optional<std::uint64_t> seed;  // stress seed the probe saw
  std::map<std::string, std::int64_t> counters;  // every name of record_counter_names(), 0 when absent
  std::int64_t outside_tasks = -1;  // threads and processes the run created, seen from outside
  // Python: the values the learner's pools returned (each item's repr, as the probe sent them, at
  // most 1000); note_output() then says whether the program printed them.
  std::vector<std::string> pool_results;
  bool pool_results_printed = false;
  std::string json;        // the merged record for results and reports (JSON object text)

  // A counter, or a boolean as 0/1: pool_used (pools_created or pool_tasks > 0), queue_used
  // (queue_puts or queue_gets > 0), lock_used (locks_acquired > 0), pool_results_printed (Python:
  // see note_output; native: the pool got tasks, its probe does not see the values). Unknown names
  // read 0.
  std::int64_t value(std::string_view name) const;
};


// What the engine knows about a run, to check its record against.
struct ProbeExpect {
  std::string token;                 // the run's token
  long main_pid = 0;                 // the main process's pid as it saw itself (0: unknown)
  std::int64_t tasks_created = -1;   // the outside count (-1: not observed)
  bool outside_expected = false;     // the runner counts from outside (tier A): -1 is damage
  bool overflowed = false;           // the run wrote more than the channel's cap
};

// Records whether `output` (the run's stdout) shows every value the pools returned: each item's
// words and numbers (runs of letters, digits and '_') appear among the output's. False when no
// pool returned anything. Updates `json`.
void note_output(ProbeRecord& record, std::string_view output);

// Checks and merges the bytes of a record pipe.
ProbeRecord parse_probe_record(std::string_view bytes, const ProbeExpect& expect);
// The record of a run prepared with `plan` (unavailable when the plan did not probe).
ProbeRecord read_probe_record(const RunOutcome& outcome, const ProbePlan& plan);

}  // namespace exengine
