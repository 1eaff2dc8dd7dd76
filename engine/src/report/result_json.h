// ResultJson: the one JSON form of ExerciseResult and TrialResult, used by `check --json`, the
// batch journal and report.json, and read back by `grade --resume` and `merge`.
//
// Fields (every one always present; nlohmann::json dumps keys sorted, so the text is stable):
//   exercise, language, file, student, verdict ("wrong-output", ...), score, max_score, message,
//   diff, wall_ms, cpu_ms, peak_rss_kb, exit_code (null when the program did not exit normally),
//   signal ("SIGSEGV", or null), stdout, stderr (capped at kStoredOutputCap bytes),
//   probe (the parsed object when probe_json is valid JSON, the raw text when it is not, null when
//   empty), trials [...], trials_passed, tier, isolation, compiled, cache_hit.
// isolation (what the runs actually got, core/isolation.h): full (own mount, PID and network
// namespaces, and the kernel's memory and pids limits), namespaces [...], cgroup ("v1", "v2" or
// null), controllers [...] ("memory", "pids", "cpu"), rlimits [...], summary (one line; a reduced
// one ends "— reduced: " and what is missing).
// A trial has verdict, message, diff, exit_code, signal, wall_ms, cpu_ms, peak_rss_kb, stdout,
// stderr, probe and seed.
//
// Contract
// - to_json never throws on program output: strings are passed through escape_invalid_utf8, so the
//   result dumps with nlohmann's default (strict) error handler. Bytes that were not valid UTF-8
//   come back from from_json as `\xNN` text: a result read back equals the result written only
//   when its texts were valid UTF-8. result_roundtrip() gives the canonical form (what a journal
//   read back holds), so reports built from fresh results and from a journal agree.
// - Times are rounded to 0.1 ms.
// - from_json throws ResultJsonError (one line naming the field) on a malformed object.
// - Pure functions; safe from any thread.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace exengine {

class ResultJsonError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// nlohmann ADL hooks (so `nlohmann::json j = result;` and `j.get<ExerciseResult>()` work).
void to_json(nlohmann::json& j, const TrialResult& t);
void to_json(nlohmann::json& j, const ExerciseResult& r);
void from_json(const nlohmann::json& j, TrialResult& t);
void from_json(const nlohmann::json& j, ExerciseResult& r);

nlohmann::json result_to_json(const ExerciseResult& r);
ExerciseResult result_from_json(const nlohmann::json& j);
// The result as it reads back from its JSON form (see the contract above).
ExerciseResult result_roundtrip(const ExerciseResult& r);

// "SIGSEGV" for 11, "SIG42" for an unnamed one; empty for 0.
std::string signal_name(int signal);
// The inverse of signal_name; 0 when `name` is not a signal name.
int signal_number(std::string_view name);

}  // namespace exengine
