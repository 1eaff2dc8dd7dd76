#include "behaviour/probe_record.h"

#include <algorithm>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "behaviour/probe_setup.h"
#include "runner/process_runner.h"

namespace exengine {


std::int64_t ProbeRecord::value(std::string_view name) const {
  auto get = [&](const char* n) {
    auto it = counters.find(n);
    return it == counters.end() ? std::int64_t{0} : it->second;
  };
  if (name == "pool_used") return get("pools_created") > 0 || get("pool_tasks") > 0 ? 1 : 0;
  if (name == "queue_used") return get("queue_puts") > 0 || get("queue_gets") > 0 ? 1 : 0;
  if (name == "lock_used") return get("locks_acquired") > 0 ? 1 : 0;
  auto it = counters.find(std::string(name));
  return it == counters.end() ? 0 : it->second;
}

namespace {

bool same_program(const std::string& exe, const std::string& program) {
  if (exe == program) return true;
  auto name = [](const std::string& p) { return std::filesystem::path(p).filename().string(); };
  return !exe.empty() && name(exe) == name(program);
}

}  // namespace

ProbeRecord parse_probe_record(std::string_view jsonl, const std::string& program) {
  using nlohmann::json;
  ProbeRecord rec;
  bool program_seen = program.empty();
  for (const auto& n : probe_counter_names()) rec.counters[n] = 0;
  std::size_t start = 0;
  while (start < jsonl.size()) {
    std::size_t end = jsonl.find('\n', start);
    if (end == std::string_view::npos) end = jsonl.size();
    std::string_view line = jsonl.substr(start, end - start);
    start = end + 1;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object()) {
      rec.partial = true;  // a torn or foreign line: the counts may be short
      continue;
    }
    rec.available = true;
    rec.processes++;
    if (!program_seen && j.contains("exe") && j["exe"].is_string())
      program_seen = same_program(j["exe"].get<std::string>(), program);
    if (j.value("partial", false)) rec.partial = true;
    if (rec.probe.empty() && j.contains("probe") && j["probe"].is_string())
      rec.probe = j["probe"].get<std::string>();
    if (!rec.seed && j.contains("seed") && j["seed"].is_number_unsigned())
      rec.seed = j["seed"].get<std::uint64_t>();
    for (const auto& n : probe_counter_names()) {
      if (!j.contains(n) || !j[n].is_number_integer()) continue;
      std::int64_t v = j[n].get<std::int64_t>();
      auto& slot = rec.counters[n];
      slot = n == "max_concurrent_threads" ? std::max(slot, v) : slot + v;
    }
  }
  if (!program_seen) {
    // Only other programs (children of an unprobed one) wrote lines: the probe did not attach.
    rec = ProbeRecord{};
    for (const auto& n : probe_counter_names()) rec.counters[n] = 0;
  }
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  out["available"] = rec.available;
  out["partial"] = rec.partial;
  out["processes"] = rec.processes;
  if (!rec.probe.empty()) out["probe"] = rec.probe;
  if (rec.seed) out["seed"] = *rec.seed;
  for (const auto& n : probe_counter_names()) out[n] = rec.counters[n];
  for (const auto& n : probe_boolean_names()) out[n] = rec.value(n) != 0;
  rec.json = out.dump();
  return rec;
}

ProbeRecord read_probe_record(const RunOutcome& outcome, const ProbePlan& plan) {
  if (plan.collect.empty()) return parse_probe_record({});
  auto it = outcome.collected.find(plan.collect);
  return parse_probe_record(it == outcome.collected.end() ? std::string_view{} : it->second,
                            plan.program);
}

}  // namespace exengine
