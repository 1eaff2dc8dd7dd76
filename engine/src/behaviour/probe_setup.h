// ProbeSetup: what a run needs so the behaviour probe (issue 6) and stress noise (issue 4) attach.
//
// The checker, before a run:
//   ProbePlan plan = probe_setup({language, /*probe=*/true, stress ? seed : std::nullopt, argv0},
//                                paths);
//   spec.env.insert(spec.env.end(), plan.env.begin(), plan.env.end());
//   spec.channels.insert(spec.channels.end(), plan.channels.begin(), plan.channels.end());
//   spec.readable.insert(spec.readable.end(), plan.readable.begin(), plan.readable.end());
// and after the run: read_probe_record(outcome, plan) (probe_record.h).
// The record travels on a pipe the runner creates (RunSpec::channels), not through the run's
// files: the main process finds its write end at kProbeRecordFd, and at kProbeTokenFd a pipe
// holding the run's random token (from getrandom), which the probe reads once and closes.
// When the probe files are missing, plan.env is empty and plan.missing says why: the run goes on
// unprobed and its record reads as "probe unavailable".
//
// Probe files looked up, first found wins:
//   Python: <build_root>/engine/probes/python/sitecustomize.pyc (built), then
//           <data_dir>/probes/python/sitecustomize.pyc (installed), then
//           <data_dir>/engine/probes/python/sitecustomize.py (source tree: starts ~30 ms slower).
//   native: <build_root>/engine/probes/libexengine_probe.so, then
//           <data_dir>/../../lib/exengine/libexengine_probe.so (installed: <prefix>/lib/exengine).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/paths.h"
#include "runner/process_runner.h"

namespace exengine {

// Where the main process finds the record's pipe (EXENGINE_PROBE) and the token's
// (EXENGINE_PROBE_TOKEN): high, above the runs' RLIMIT_NOFILE, so the program's own open() and
// dup2() never land there by accident.
inline constexpr int kProbeRecordFd = 1021;
inline constexpr int kProbeTokenFd = 1020;

struct ProbeOptions {
  std::string language;                     // "python" or "cpp"; others get no probe
  bool probe = true;                        // record behaviour
  std::optional<std::uint64_t> stress_seed; // schedule noise with this seed (Python)
  // argv[0] of the run (the interpreter or the compiled program). When set, a record counts as
  // available only if a process of this program wrote a line: a static binary's dynamically linked
  // children (e.g. /bin/sh from system()) do not make its probe look attached.
  std::string program;
  // The run's isolation tier: tier A binds ProbePlan::readable into the run's root (at the same
  // path, wherever it lives: under /tmp, under a 0700 /root), so only the file and its folder
  // need to be readable by the runs' uids; tier B runs see the host's tree, ancestors included.
  std::string tier;
};

struct ProbePlan {
  // Added to RunSpec::env. PYTHONPATH (python) and LD_PRELOAD (cpp) are meant to be the only
  // values of those variables: the engine's run environment has none of its own.
  std::vector<std::pair<std::string, std::string>> env;
  std::vector<RunChannel> channels;  // added to RunSpec::channels: the record's and the token's
  std::string token;     // the run's token, 32 hex digits (empty when not probing)
  // What the run must be able to read (RunSpec::readable): the probe's folder or library.
  std::vector<std::filesystem::path> readable;
  std::string missing;   // non-empty: "probe unavailable: <why>" (one line, names the path)
  // `missing` without its "probe unavailable: " lead, for a sentence that already says so.
  std::string missing_reason() const {
    constexpr std::string_view lead = "probe unavailable: ";
    return missing.rfind(lead, 0) == 0 ? missing.substr(lead.size()) : missing;
  }
  std::optional<std::uint64_t> seed;  // the stress seed in effect
  std::string program;   // ProbeOptions::program, canonical
};

ProbePlan probe_setup(const ProbeOptions& options, const EnginePaths& paths);

// sitecustomize.pyc (or .py), whose folder goes on PYTHONPATH, or empty when not found.
std::filesystem::path python_probe_file(const EnginePaths& paths);
// The preloaded library, or empty when not found.
std::filesystem::path native_probe_library(const EnginePaths& paths);

// 32 hex digits from getrandom(2): a new one for every run.
std::string new_probe_token();

// A fresh, non-zero stress seed (TrialResult::seed uses 0 for "not stressed").
std::uint64_t new_stress_seed();

}  // namespace exengine
