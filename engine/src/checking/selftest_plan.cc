#include "checking/selftest_plan.h"

#include <fstream>
#include <stdexcept>
#include <system_error>

#include <fmt/format.h>

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

std::string selftest_note(const SelftestItem& item, const ExerciseResult& r) {
  if (item.kind == SelftestKind::cheat && item.probe_unavailable && r.verdict == Verdict::passed)
    return "probe unavailable: not caught";
  return {};
}

std::string selftest_mismatch(const SelftestItem& item, const ExerciseResult& r) {
  switch (item.kind) {
    case SelftestKind::cheat:
      if (r.verdict == Verdict::passed)
        return item.probe_unavailable ? std::string()  // nothing can catch it here (selftest_note says so)
                                      : "this replay cheat passed: the requirements did not catch it";
      if (item.expect_verdict && r.verdict != *item.expect_verdict)
        return fmt::format("the replay cheat should get {}, got {}", to_string(*item.expect_verdict),
                           to_string(r.verdict));
      if (r.message.find(item.expect_message) == std::string::npos)
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
      if (!item.expect_message.empty() && r.message.find(item.expect_message) == std::string::npos)
        return fmt::format("the message should contain '{}'", item.expect_message);
      return {};
  }
  return {};
}

}  // namespace exengine
