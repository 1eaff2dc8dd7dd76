#include "behaviour/probe_record.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include <fmt/format.h>

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
  if (name == "pool_results_printed") return probe == "native" ? (get("pool_tasks") > 0 ? 1 : 0) : pool_results_printed;
  auto it = counters.find(std::string(name));
  return it == counters.end() ? 0 : it->second;
}

namespace {

using nlohmann::json;

struct Process {
  bool started = false;
  std::optional<json> exit;     // the exit line
  std::vector<std::int64_t> seqs;
};

// The checks of probe_record.h, in order; the first damage found is the one reported.
std::string check_lines(std::string_view bytes, const ProbeExpect& expect, std::map<long, Process>& procs) {
  if (expect.overflowed) return "the record was longer than the output cap";
  std::size_t start = 0;
  while (start < bytes.size()) {
    std::size_t end = bytes.find('\n', start);
    if (end == std::string_view::npos) return "a torn line at its end";
    const std::string_view line = bytes.substr(start, end - start);
    start = end + 1;
    json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object()) return "a line that is not a JSON object";
    const auto tok = j.find("token");
    if (tok == j.end() || !tok->is_string() || expect.token.empty() || tok->get<std::string>() != expect.token)
      return "a line without the run's token";
    const auto pid = j.find("pid"), seq = j.find("seq"), kind = j.find("kind");
    if (j.value("v", 0) != 1 || pid == j.end() || !pid->is_number_integer() || seq == j.end() ||
        !seq->is_number_integer() || kind == j.end() || !kind->is_string())
      return "a line without its version, pid, seq or kind";
    const long p = pid->get<long>();
    const std::int64_t k = seq->get<std::int64_t>();
    if (p <= 0 || k < 0) return "a line with an impossible pid or seq";
    if (expect.tasks_created >= 0 && expect.main_pid > 0 &&
        (p < expect.main_pid || p > expect.main_pid + expect.tasks_created))
      return fmt::format("a line from pid {}, which the run never had", p);
    Process& proc = procs[p];
    if (std::find(proc.seqs.begin(), proc.seqs.end(), k) != proc.seqs.end())
      return fmt::format("a repeated line (pid {}, seq {})", p, k);
    proc.seqs.push_back(k);
    const std::string kind_name = kind->get<std::string>();
    if (kind_name == "start") {
      if (k != 0) return fmt::format("a start line that is not the first of pid {}", p);
      proc.started = true;
    } else if (kind_name == "exit") {
      if (proc.exit) return fmt::format("a second exit line from pid {}", p);
      proc.exit = std::move(j);
    }
  }
  for (auto& [p, proc] : procs) {
    std::sort(proc.seqs.begin(), proc.seqs.end());
    if (!proc.started) return fmt::format("lines from pid {} without its start line", p);
    if (proc.exit) {
      const std::int64_t last = proc.exit->at("seq").get<std::int64_t>();
      if (proc.seqs.back() != last || static_cast<std::int64_t>(proc.seqs.size()) != last + 1)
        return fmt::format("lines of pid {} missing or after its exit line", p);
      if (proc.exit->value("partial", false)) return "the probe could not follow the program";
    }
  }
  return {};
}

}  // namespace

ProbeRecord parse_probe_record(std::string_view bytes, const ProbeExpect& expect) {
  ProbeRecord rec;
  for (const auto& n : record_counter_names()) rec.counters[n] = 0;
  rec.outside_tasks = expect.tasks_created;
  std::map<long, Process> procs;
  rec.damage = check_lines(bytes, expect, procs);
  // The main process: the one the runner named, else (a caller that could not tell) the lowest pid.
  const long main_pid = expect.main_pid > 0 ? expect.main_pid : procs.empty() ? 0 : procs.begin()->first;
  const auto main = procs.find(main_pid);
  rec.available = main != procs.end() && main->second.started;
  if (rec.damage.empty() && rec.available) {
    if (!main->second.exit)
      rec.damage = "the main process ended without its exit line (killed, or its record descriptor was closed)";
    else if (expect.outside_expected && expect.tasks_created < 0)
      rec.damage = "the outside count of threads and processes is missing";
  }
  std::int64_t claimed = 0;  // threads and processes the lines say were started
  for (const auto& [p, proc] : procs) {
    if (!proc.exit) continue;
    const json& j = *proc.exit;
    rec.processes++;
    if (rec.probe.empty() && j.contains("probe") && j["probe"].is_string()) rec.probe = j["probe"].get<std::string>();
    if (!rec.seed && j.contains("seed") && j["seed"].is_number_unsigned()) rec.seed = j["seed"].get<std::uint64_t>();
    if (const auto results = j.find("pool_results"); results != j.end() && results->is_array())
      for (const json& item : *results)
        if (item.is_string() && rec.pool_results.size() < 1000) rec.pool_results.push_back(item.get<std::string>());
    for (const auto& n : probe_counter_names()) {
      if (!j.contains(n) || !j[n].is_number_integer()) continue;
      std::int64_t v = std::max<std::int64_t>(0, j[n].get<std::int64_t>());
      auto& slot = rec.counters[n];
      slot = n.rfind("max_", 0) == 0 ? std::max(slot, v) : slot + v;  // a "most at once" is per process
      if (n == "threads_started" || n == "processes_started" || n == "helper_processes") claimed += v;
    }
    // Which process did it: the main one gets from a queue what the others (its children) put.
    auto count = [&](const char* n) {
      return j.contains(n) && j[n].is_number_integer() ? std::max<std::int64_t>(0, j[n].get<std::int64_t>()) : 0;
    };
    if (p == main_pid) rec.counters["parent_queue_gets"] += count("queue_gets");
    else rec.counters["child_queue_puts"] += count("queue_puts");
  }
  if (rec.damage.empty() && expect.tasks_created >= 0 && claimed > expect.tasks_created)
    rec.damage = fmt::format("it claims {} threads and processes started; the kernel saw {}", claimed,
                             expect.tasks_created);
  rec.damaged = !rec.damage.empty();
  if (!rec.available && !rec.damaged) {
    // The probe did not attach to the main program: nothing it recorded counts.
    rec.processes = 0;
    rec.probe.clear();
    for (auto& [n, v] : rec.counters) v = 0;
  }
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  out["available"] = rec.available;
  out["damaged"] = rec.damaged;
  if (rec.damaged) out["damage"] = rec.damage;
  out["processes"] = rec.processes;
  if (!rec.probe.empty()) out["probe"] = rec.probe;
  if (rec.seed) out["seed"] = *rec.seed;
  if (rec.outside_tasks >= 0) out["outside_tasks"] = rec.outside_tasks;
  for (const auto& n : record_counter_names()) out[n] = rec.counters[n];
  for (const auto& n : probe_boolean_names()) out[n] = rec.value(n) != 0;
  if (!rec.pool_results.empty()) out["pool_results"] = rec.pool_results.size();
  rec.json = out.dump();
  return rec;
}

namespace {

bool word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

template <typename F>
void each_word(std::string_view text, F&& f) {
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !word_char(text[i])) ++i;
    std::size_t j = i;
    while (j < text.size() && word_char(text[j])) ++j;
    if (j > i) f(text.substr(i, j - i));
    i = j;
  }
}

}  // namespace

void note_output(ProbeRecord& record, std::string_view output) {
  bool printed = !record.pool_results.empty();
  if (printed) {
    std::set<std::string_view> words;
    each_word(output, [&](std::string_view w) { words.insert(w); });
    for (const std::string& item : record.pool_results)
      each_word(item, [&](std::string_view w) { printed = printed && words.count(w) > 0; });
  }
  record.pool_results_printed = printed;
  nlohmann::ordered_json out = nlohmann::ordered_json::parse(record.json, nullptr, false);
  if (out.is_object()) {
    out["pool_results_printed"] = record.value("pool_results_printed") != 0;
    record.json = out.dump();
  }
}

ProbeRecord read_probe_record(const RunOutcome& outcome, const ProbePlan& plan) {
  ProbeExpect expect;
  if (plan.token.empty()) return parse_probe_record({}, expect);
  expect.token = plan.token;
  expect.main_pid = outcome.main_pid;
  expect.tasks_created = outcome.tasks_created;
  expect.outside_expected = outcome.tier == "A";
  const auto it = outcome.channels.find(kProbeRecordFd);
  if (it == outcome.channels.end()) return parse_probe_record({}, expect);
  expect.overflowed = it->second.overflowed;
  return parse_probe_record(it->second.bytes, expect);
}

}  // namespace exengine
