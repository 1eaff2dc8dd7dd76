#include "checking/selftest_plan.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <stdexcept>
#include <system_error>

#include <fmt/format.h>

#include "checking/diagnosis.h"
#include "checking/replay_cheat.h"
#include "plugin_host/catalog.h"
#include "behaviour/probe_record.h"
#include "behaviour/requirements.h"

namespace exengine {
namespace fs = std::filesystem;

namespace {

std::string ext_for(const std::string& language) { return language == "cpp" ? ".cpp" : ".py"; }

std::string relative_to_plugin(const Catalog& catalog, const Exercise& ex, const fs::path& p) {
  const LoadedPlugin* plugin = catalog.plugin_of(ex);
  if (!plugin) return p.string();
  return (fs::path("plugins") / ex.topic / p.lexically_relative(plugin->manifest.dir)).string();
}

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r' || s.back() == '\t')) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  return s.substr(i);
}

}  // namespace

void read_expectations(const fs::path& file, std::optional<Verdict>& verdict, std::string& message) {
  std::ifstream in(file);
  std::string line;
  for (int n = 0; n < 8 && std::getline(in, line); ++n) {
    std::string body = trim(line);
    if (body.rfind("#", 0) == 0) body = trim(body.substr(1));
    else if (body.rfind("//", 0) == 0) body = trim(body.substr(2));
    else continue;
    if (body.rfind("expect:", 0) == 0) verdict = parse_verdict(trim(body.substr(7)));
    if (body.rfind("message:", 0) == 0) message = trim(body.substr(8));
  }
}

std::vector<SelftestItem> selftest_plan(const Catalog& catalog, const std::vector<std::string>& topics) {
  std::vector<SelftestItem> items;
  std::error_code ec;
  for (const Exercise* ex : catalog.exercises()) {
    bool wanted = topics.empty();
    for (const auto& t : topics) wanted = wanted || t == ex->topic;
    if (!wanted) continue;
    for (const std::string& language : ex->languages) {
      const std::string ext = ext_for(language);
      SelftestItem ref{SelftestKind::reference, {}, std::nullopt, {}};
      ref.request.exercise = ex;
      ref.request.language = language;
      ref.request.file = catalog.reference(*ex, ext);
      ref.request.display_name = relative_to_plugin(catalog, *ex, ref.request.file);
      if (!fs::exists(ref.request.file, ec)) ref.kind = SelftestKind::missing_reference;
      items.push_back(ref);
      if (language == "python" && fs::exists(catalog.seed(*ex), ec)) {
        SelftestItem seed{SelftestKind::seed, ref.request, std::nullopt, {}};
        seed.request.file = catalog.seed(*ex);
        seed.request.display_name = relative_to_plugin(catalog, *ex, seed.request.file);
        items.push_back(seed);
      }
      for (const fs::path& bad : catalog.known_bad(*ex)) {
        if (bad.extension() != ext) continue;
        SelftestItem item{SelftestKind::known_bad, ref.request, std::nullopt, {}};
        item.request.file = bad;
        item.request.display_name = relative_to_plugin(catalog, *ex, bad);
        read_expectations(bad, item.expect_verdict, item.expect_message);
        items.push_back(item);
      }
    }
  }
  return items;
}

std::optional<SelftestItem> replay_cheat_item(const SelftestItem& reference, const ExerciseResult& result,
                                              const fs::path& dir) {
  if (reference.kind != SelftestKind::reference || result.verdict != Verdict::passed) return std::nullopt;
  if (result.stdout_text.size() >= kStoredOutputCap) return std::nullopt;  // only the start was kept
  const Exercise& ex = *reference.request.exercise;
  const std::string& language = reference.request.language;
  // What a run without any construct breaks: the requirements a record of zeros fails.
  ProbeRecord none;
  none.available = true;
  none.probe = language == "cpp" ? "native" : "python";
  const RequirementsCheck broken = check_requirements(ex.requires_, none);
  if (!broken.failed()) return std::nullopt;
  const std::string source =
      replay_cheat_source(language, replay_chunks(result.stdout_text, result.stdout_timeline, result.wall_ms));
  if (source.empty()) return std::nullopt;

  std::string stem = ex.id;
  for (char& c : stem)
    if (c == '/') c = '-';
  const fs::path file = dir / (stem + "-cheat" + replay_cheat_extension(language));
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << source;
    if (!out.flush()) throw std::runtime_error(fmt::format("cannot write the replay cheat {}", file.string()));
  }
  SelftestItem item{SelftestKind::cheat, reference.request, Verdict::wrong_output, broken.message()};
  item.request.file = file;
  item.request.display_name = reference.request.display_name + " (replayed)";
  item.probe_unavailable = result.message.find("probe unavailable") != std::string::npos;
  return item;
}

namespace {

// The fewest workers `counter`'s requirements allow (at least 1).
int workers_asked(const std::vector<Requirement>& requires_, std::initializer_list<const char*> counters) {
  std::int64_t most = 1;
  for (const Requirement& r : requires_)
    for (const char* c : counters)
      if (r.counter == c) {
        const std::int64_t n = r.op == ">" ? r.value + 1 : (r.op == ">=" || r.op == "==") ? r.value : 1;
        most = std::max(most, n);
      }
  return static_cast<int>(std::min<std::int64_t>(most, 64));
}

struct ConstructPlan {
  ConstructCheat kind;
  const char* key;                          // the requirement whose point the cheat defeats
  std::map<std::string, std::int64_t> made;  // the counters the cheat's run makes
};

// What each cheat does, counted as the probes count it (see construct_cheat_source).
std::vector<ConstructPlan> construct_plans(const std::string& language, const std::vector<Requirement>& req,
                                           const std::vector<ReplayChunk>& chunks) {
  const bool python = language == "python";
  const std::int64_t n_chunks = static_cast<std::int64_t>(chunks.size());
  std::int64_t pieces = 0;  // C++ parent_queue: the chunks' bytes through the pipe, 4096 at a time
  for (const ReplayChunk& c : chunks) pieces += static_cast<std::int64_t>((c.bytes.size() + 4095) / 4096);
  const std::int64_t threads = std::max<std::int64_t>(n_chunks, workers_asked(req, {"threads_started", "threads_joined"}));
  const std::int64_t procs = std::max<std::int64_t>(n_chunks, workers_asked(req, {"processes_started"}));
  const std::int64_t children = workers_asked(req, {"processes_started"});
  const std::int64_t idle = workers_asked(req, {"threads_started", "threads_joined"});
  std::vector<ConstructPlan> plans;
  plans.push_back({ConstructCheat::start_join_threads, "max_unjoined_threads",
                   {{"threads_started", threads}, {"threads_joined", threads}, {"max_unjoined_threads", 1},
                    {"max_concurrent_threads", 1}}});
  plans.push_back({ConstructCheat::start_join_processes, "max_unjoined_processes",
                   {{"processes_started", procs}, {"max_unjoined_processes", 1}}});
  if (python)
    plans.push_back({ConstructCheat::idle_thread, "idle_threads",
                     {{"threads_started", idle}, {"threads_joined", idle}, {"max_unjoined_threads", idle},
                      {"idle_threads", idle}}});
  if (python)
    plans.push_back({ConstructCheat::unused_pool, "pool_tasks", {{"pools_created", 1}, {"helper_processes", 2}}});
  else
    plans.push_back({ConstructCheat::unused_pool, "pool_tasks", {{"processes_started", 2}, {"max_unjoined_processes", 2}}});
  if (python)
    plans.push_back({ConstructCheat::parent_queue, "child_queue_puts",
                     {{"processes_started", children}, {"max_unjoined_processes", children},
                      {"queue_puts", n_chunks}, {"queue_gets", n_chunks}, {"parent_queue_gets", n_chunks}}});
  else
    plans.push_back({ConstructCheat::parent_queue, "child_queue_puts",
                     {{"processes_started", children}, {"max_unjoined_processes", children},
                      {"queue_puts", pieces}, {"queue_gets", pieces}, {"parent_queue_gets", pieces},
                      {"pools_created", children >= 2 && pieces > 0 ? 1 : 0},
                      {"pool_tasks", children >= 2 ? pieces : 0}}});
  plans.push_back({ConstructCheat::unused_lock, "locks_acquired",
                   {{"threads_started", idle}, {"threads_joined", idle}, {"max_unjoined_threads", idle}}});
  return plans;
}

}  // namespace

std::vector<SelftestItem> construct_cheat_items(const SelftestItem& reference, const ExerciseResult& result,
                                                const fs::path& dir) {
  std::vector<SelftestItem> items;
  if (reference.kind != SelftestKind::reference || result.verdict != Verdict::passed) return items;
  if (result.stdout_text.size() >= kStoredOutputCap) return items;
  if (result.message.find("probe unavailable") != std::string::npos) return items;
  const Exercise& ex = *reference.request.exercise;
  const std::string& language = reference.request.language;
  const std::vector<ReplayChunk> chunks = replay_chunks(result.stdout_text, result.stdout_timeline, result.wall_ms);
  for (const ConstructPlan& plan : construct_plans(language, ex.requires_, chunks)) {
    const auto key = std::find_if(ex.requires_.begin(), ex.requires_.end(),
                                  [&](const Requirement& r) { return r.counter == plan.key; });
    if (key == ex.requires_.end()) continue;
    ProbeRecord made;
    made.available = true;
    made.probe = language == "cpp" ? "native" : "python";
    for (const auto& n : record_counter_names()) made.counters[n] = 0;
    for (const auto& [n, v] : plan.made) made.counters[n] = v;
    const RequirementsCheck check = check_requirements({*key}, made);
    if (!check.failed()) continue;  // this cheat would not break the requirement: nothing to prove
    const int workers = static_cast<int>(std::max<std::int64_t>(
        1, plan.kind == ConstructCheat::start_join_threads || plan.kind == ConstructCheat::idle_thread ||
                       plan.kind == ConstructCheat::unused_lock
               ? workers_asked(ex.requires_, {"threads_started", "threads_joined"})
               : workers_asked(ex.requires_, {"processes_started"})));
    const std::string source = construct_cheat_source(language, plan.kind, chunks, workers);
    if (source.empty()) continue;
    std::string stem = ex.id;
    for (char& c : stem)
      if (c == '/') c = '-';
    const fs::path file = dir / (stem + "-" + std::string(to_string(plan.kind)) + replay_cheat_extension(language));
    {
      std::ofstream out(file, std::ios::binary | std::ios::trunc);
      out << source;
      if (!out.flush()) throw std::runtime_error(fmt::format("cannot write the construct cheat {}", file.string()));
    }
    SelftestItem item{SelftestKind::cheat, reference.request, Verdict::wrong_output,
                      name_thread_target(check.message(), source)};
    item.request.file = file;
    item.request.display_name = reference.request.display_name + " (" + std::string(to_string(plan.kind)) + ")";
    items.push_back(std::move(item));
  }
  return items;
}

std::string selftest_note(const SelftestItem& item, const ExerciseResult& r) {
  if (item.kind == SelftestKind::cheat && item.probe_unavailable && r.verdict == Verdict::passed)
    return "probe unavailable: not caught";
  return {};
}

namespace {

// Whether `message` says what `expected` says. Several failed requirements read as sentences of
// their own (behaviour/requirements.h: the lead "your program printed the right lines but" once,
// then "It also ..."), so an expected teaching message is found by its text after the lead, its
// first letter in either case.
bool message_holds(std::string_view message, std::string_view expected) {
  if (message.find(expected) != std::string_view::npos) return true;
  constexpr std::string_view kLead = "your program printed the right lines but ";
  if (expected.starts_with(kLead)) expected.remove_prefix(kLead.size());
  if (expected.empty()) return true;
  std::string other(expected);
  const char c = other[0];
  if (c >= 'a' && c <= 'z') other[0] = static_cast<char>(c - 'a' + 'A');
  else if (c >= 'A' && c <= 'Z') other[0] = static_cast<char>(c - 'A' + 'a');
  return message.find(expected) != std::string_view::npos || message.find(other) != std::string_view::npos;
}

}  // namespace

std::string selftest_mismatch(const SelftestItem& item, const ExerciseResult& r) {
  switch (item.kind) {
    case SelftestKind::cheat:
      if (r.verdict == Verdict::passed)
        return item.probe_unavailable ? std::string()  // nothing can catch it here (selftest_note says so)
                                      : "this replay cheat passed: the requirements did not catch it";
      if (item.expect_verdict && r.verdict != *item.expect_verdict)
        return fmt::format("the replay cheat should get {}, got {}", to_string(*item.expect_verdict),
                           to_string(r.verdict));
      if (!message_holds(r.message, item.expect_message))
        return fmt::format("the replay cheat's message should contain '{}'", item.expect_message);
      return {};
    case SelftestKind::missing_reference:
      return fmt::format("no reference solution at {}", item.request.display_name);
    case SelftestKind::reference:
    case SelftestKind::seed:
      return r.verdict == Verdict::passed ? std::string()
                                          : fmt::format("the {} must pass but got {}", to_string(item.kind),
                                                        to_string(r.verdict));
    case SelftestKind::known_bad:
      if (r.verdict == Verdict::passed) return "this known-bad solution passed";
      if (item.expect_verdict && r.verdict != *item.expect_verdict)
        return fmt::format("expected {}, got {}", to_string(*item.expect_verdict), to_string(r.verdict));
      if (!item.expect_message.empty() && !message_holds(r.message, item.expect_message))
        return fmt::format("the message should contain '{}'", item.expect_message);
      return {};
  }
  return {};
}

}  // namespace exengine
