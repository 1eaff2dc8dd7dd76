#include "report/result_json.h"

#include <csignal>
#include <cmath>
#include <cstdlib>
#include <utility>

#include "core/utf8_escape.h"

namespace exengine {
using nlohmann::json;
namespace {

struct SignalName {
  int number;
  const char* name;
};

constexpr SignalName kSignals[] = {
    {SIGHUP, "SIGHUP"},   {SIGINT, "SIGINT"},     {SIGQUIT, "SIGQUIT"}, {SIGILL, "SIGILL"},
    {SIGTRAP, "SIGTRAP"}, {SIGABRT, "SIGABRT"},   {SIGBUS, "SIGBUS"},   {SIGFPE, "SIGFPE"},
    {SIGKILL, "SIGKILL"}, {SIGUSR1, "SIGUSR1"},   {SIGSEGV, "SIGSEGV"}, {SIGUSR2, "SIGUSR2"},
    {SIGPIPE, "SIGPIPE"}, {SIGALRM, "SIGALRM"},   {SIGTERM, "SIGTERM"}, {SIGCHLD, "SIGCHLD"},
    {SIGCONT, "SIGCONT"}, {SIGSTOP, "SIGSTOP"},   {SIGTSTP, "SIGTSTP"}, {SIGTTIN, "SIGTTIN"},
    {SIGTTOU, "SIGTTOU"}, {SIGURG, "SIGURG"},     {SIGXCPU, "SIGXCPU"}, {SIGXFSZ, "SIGXFSZ"},
    {SIGVTALRM, "SIGVTALRM"}, {SIGPROF, "SIGPROF"}, {SIGWINCH, "SIGWINCH"}, {SIGIO, "SIGIO"},
    {SIGSYS, "SIGSYS"},
};

std::string text(std::string_view bytes) { return escape_invalid_utf8(bytes); }

std::string capped(std::string_view bytes) { return text(utf8_prefix(bytes, kStoredOutputCap)); }

double round_ms(double ms) { return std::round(ms * 10.0) / 10.0; }

json exit_code_json(int exit_code, int signal) {
  if (signal != 0 || exit_code < 0) return nullptr;
  return exit_code;
}

json signal_json(int signal) {
  if (signal == 0) return nullptr;
  return signal_name(signal);
}

json probe_json(const std::string& probe) {
  if (probe.empty()) return nullptr;
  json parsed = json::parse(probe, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return text(probe);
  // Re-dumpable only if every string inside is valid UTF-8 (nlohmann's parser checks that).
  return parsed;
}

// Field readers: a missing or null field keeps the default; a wrong type is an error naming it.
const json* field(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return nullptr;
  return &*it;
}

[[noreturn]] void bad_field(const char* key, const char* expected) {
  throw ResultJsonError(std::string("result JSON: field '") + key + "' must be " + expected);
}

void read(const json& j, const char* key, std::string& out) {
  if (const json* v = field(j, key)) {
    if (!v->is_string()) bad_field(key, "a string");
    out = v->get<std::string>();
  }
}

void read(const json& j, const char* key, double& out) {
  if (const json* v = field(j, key)) {
    if (!v->is_number()) bad_field(key, "a number");
    out = v->get<double>();
  }
}

void read(const json& j, const char* key, int& out) {
  if (const json* v = field(j, key)) {
    if (!v->is_number_integer()) bad_field(key, "an integer");
    out = v->get<int>();
  }
}

void read(const json& j, const char* key, std::int64_t& out) {
  if (const json* v = field(j, key)) {
    if (!v->is_number_integer()) bad_field(key, "an integer");
    out = v->get<std::int64_t>();
  }
}

void read(const json& j, const char* key, std::uint64_t& out) {
  if (const json* v = field(j, key)) {
    if (!v->is_number_unsigned() && !(v->is_number_integer() && v->get<std::int64_t>() >= 0))
      bad_field(key, "a non-negative integer");
    out = v->get<std::uint64_t>();
  }
}

void read(const json& j, const char* key, bool& out) {
  if (const json* v = field(j, key)) {
    if (!v->is_boolean()) bad_field(key, "a boolean");
    out = v->get<bool>();
  }
}

void read(const json& j, const char* key, std::vector<std::string>& out) {
  if (const json* v = field(j, key)) {
    if (!v->is_array()) bad_field(key, "an array of strings");
    out.clear();
    for (const auto& e : *v) {
      if (!e.is_string()) bad_field(key, "an array of strings");
      out.push_back(e.get<std::string>());
    }
  }
}

// "isolation": {"full", "namespaces", "cgroup" (null: none), "controllers", "rlimits", "summary"}.
json isolation_json(const Isolation& i) {
  return {{"full", i.full()},
          {"namespaces", i.namespaces},
          {"cgroup", i.cgroup.empty() ? json(nullptr) : json(i.cgroup)},
          {"controllers", i.controllers},
          {"rlimits", i.rlimits},
          {"summary", i.full() ? i.describe() : i.describe() + " — reduced: " + i.shortfall()}};
}

void read_isolation(const json& j, Isolation& i) {
  const json* v = field(j, "isolation");
  if (!v) return;
  if (!v->is_object()) bad_field("isolation", "an object");
  read(*v, "namespaces", i.namespaces);
  read(*v, "cgroup", i.cgroup);
  read(*v, "controllers", i.controllers);
  read(*v, "rlimits", i.rlimits);
}

Verdict read_verdict(const json& j) {
  const json* v = field(j, "verdict");
  if (!v) bad_field("verdict", "a verdict");
  if (!v->is_string()) bad_field("verdict", "a string");
  auto parsed = parse_verdict(v->get<std::string>());
  if (!parsed)
    throw ResultJsonError("result JSON: unknown verdict '" + escape_invalid_utf8(v->get<std::string>()) +
                          "' (valid: passed, wrong-output, timeout, runtime-error, memory-limit, "
                          "output-limit, compile-error, missing, internal-error)");
  return *parsed;
}

void read_run(const json& j, int& exit_code, int& signal) {
  exit_code = -1;
  read(j, "exit_code", exit_code);
  signal = 0;
  if (const json* v = field(j, "signal")) {
    if (!v->is_string()) bad_field("signal", "a signal name or null");
    signal = signal_number(v->get<std::string>());
    if (signal == 0) bad_field("signal", "a signal name like \"SIGSEGV\"");
  }
}

std::string read_probe(const json& j) {
  const json* v = field(j, "probe");
  if (!v) return {};
  if (v->is_string()) return v->get<std::string>();
  return v->dump();
}

}  // namespace

std::string signal_name(int signal) {
  if (signal == 0) return {};
  for (const auto& s : kSignals)
    if (s.number == signal) return s.name;
  return "SIG" + std::to_string(signal);
}

int signal_number(std::string_view name) {
  for (const auto& s : kSignals)
    if (name == s.name) return s.number;
  if (name.size() > 3 && name.substr(0, 3) == "SIG") {
    int n = 0;
    for (char c : name.substr(3)) {
      if (c < '0' || c > '9' || n > 1000) return 0;
      n = n * 10 + (c - '0');
    }
    return n;
  }
  return 0;
}

void to_json(json& j, const TrialResult& t) {
  j = json::object();
  j["verdict"] = std::string(to_string(t.verdict));
  j["message"] = text(t.message);
  j["diff"] = text(t.diff);
  j["exit_code"] = exit_code_json(t.exit_code, t.signal);
  j["signal"] = signal_json(t.signal);
  j["wall_ms"] = round_ms(t.wall_ms);
  j["cpu_ms"] = round_ms(t.cpu_ms);
  j["peak_rss_kb"] = t.peak_rss_kb;
  j["stdout"] = capped(t.stdout_text);
  j["stderr"] = capped(t.stderr_text);
  j["probe"] = probe_json(t.probe_json);
  j["seed"] = t.seed;
}

void to_json(json& j, const ExerciseResult& r) {
  j = json::object();
  j["exercise"] = text(r.exercise);
  j["language"] = text(r.language);
  j["file"] = text(r.file);
  j["student"] = text(r.student);
  j["verdict"] = std::string(to_string(r.verdict));
  j["score"] = r.score;
  j["max_score"] = r.max_score;
  j["message"] = text(r.message);
  j["diff"] = text(r.diff);
  j["wall_ms"] = round_ms(r.wall_ms);
  j["cpu_ms"] = round_ms(r.cpu_ms);
  j["peak_rss_kb"] = r.peak_rss_kb;
  j["exit_code"] = exit_code_json(r.exit_code, r.signal);
  j["signal"] = signal_json(r.signal);
  j["stdout"] = capped(r.stdout_text);
  j["stderr"] = capped(r.stderr_text);
  j["probe"] = probe_json(r.probe_json);
  json trials = json::array();
  for (const auto& t : r.trials) trials.push_back(t);
  j["trials"] = std::move(trials);
  j["trials_passed"] = r.trials_passed;
  j["tier"] = text(r.tier);
  j["isolation"] = isolation_json(r.isolation);
  j["compiled"] = r.compiled;
  j["cache_hit"] = r.cache_hit;
  if (!r.visibility.empty()) j["visibility"] = text(r.visibility);
  if (!r.due.empty()) j["due"] = text(r.due);
  if (r.late_days != 0) j["late_days"] = r.late_days;
  if (r.late_penalty != 0) j["late_penalty"] = r.late_penalty;
  if (!r.source_hash.empty()) j["source_hash"] = text(r.source_hash);
  if (!r.unmatched.empty()) {
    json files = json::array();
    for (const auto& f : r.unmatched) files.push_back(text(f));
    j["unmatched"] = std::move(files);
  }
}

void from_json(const json& j, TrialResult& t) {
  if (!j.is_object()) throw ResultJsonError("result JSON: a trial must be an object");
  t = TrialResult{};
  t.verdict = read_verdict(j);
  read(j, "message", t.message);
  read(j, "diff", t.diff);
  read_run(j, t.exit_code, t.signal);
  read(j, "wall_ms", t.wall_ms);
  read(j, "cpu_ms", t.cpu_ms);
  read(j, "peak_rss_kb", t.peak_rss_kb);
  read(j, "stdout", t.stdout_text);
  read(j, "stderr", t.stderr_text);
  t.probe_json = read_probe(j);
  read(j, "seed", t.seed);
}

void from_json(const json& j, ExerciseResult& r) {
  if (!j.is_object()) throw ResultJsonError("result JSON: a result must be an object");
  r = ExerciseResult{};
  read(j, "exercise", r.exercise);
  if (r.exercise.empty()) bad_field("exercise", "a non-empty string");
  read(j, "language", r.language);
  read(j, "file", r.file);
  read(j, "student", r.student);
  r.verdict = read_verdict(j);
  read(j, "score", r.score);
  read(j, "max_score", r.max_score);
  read(j, "message", r.message);
  read(j, "diff", r.diff);
  read(j, "wall_ms", r.wall_ms);
  read(j, "cpu_ms", r.cpu_ms);
  read(j, "peak_rss_kb", r.peak_rss_kb);
  read_run(j, r.exit_code, r.signal);
  read(j, "stdout", r.stdout_text);
  read(j, "stderr", r.stderr_text);
  r.probe_json = read_probe(j);
  if (const json* trials = field(j, "trials")) {
    if (!trials->is_array()) bad_field("trials", "an array");
    for (const auto& t : *trials) r.trials.push_back(t.get<TrialResult>());
  }
  read(j, "trials_passed", r.trials_passed);
  read(j, "tier", r.tier);
  read_isolation(j, r.isolation);
  read(j, "compiled", r.compiled);
  read(j, "cache_hit", r.cache_hit);
  read(j, "visibility", r.visibility);
  read(j, "due", r.due);
  read(j, "late_days", r.late_days);
  read(j, "late_penalty", r.late_penalty);
  read(j, "source_hash", r.source_hash);
  if (const json* files = field(j, "unmatched")) {
    if (!files->is_array()) bad_field("unmatched", "an array");
    for (const auto& f : *files) {
      if (!f.is_string()) bad_field("unmatched", "an array of strings");
      r.unmatched.push_back(f.get<std::string>());
    }
  }
}

json result_to_json(const ExerciseResult& r) { return json(r); }

ExerciseResult result_from_json(const json& j) { return j.get<ExerciseResult>(); }

ExerciseResult result_roundtrip(const ExerciseResult& r) { return result_from_json(result_to_json(r)); }

}  // namespace exengine
