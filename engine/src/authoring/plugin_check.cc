#include "authoring/plugin_check.h"

#include <algorithm>
#include <map>
#include <set>
#include <system_error>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "exengine/abi.h"
#include "checking/parallel.h"
#include "checking/selftest_plan.h"
#include "graders/builtin_graders.h"
#include "graders/grader_registry.h"
#include "manifest/manifest.h"
#include "core/paths.h"
#include "plugin_host/catalog.h"
#include "plugin_host/plugin_library.h"

namespace exengine {
namespace fs = std::filesystem;

namespace {

std::string ext_for(const std::string& language) { return language == "cpp" ? ".cpp" : ".py"; }

bool is_solution_ext(const std::string& ext) { return ext == ".py" || ext == ".cpp" || ext == ".cc" || ext == ".cxx"; }

std::string plural(std::size_t n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

class ReportBuilder {
 public:
  explicit ReportBuilder(PluginCheckReport& r) : r_(r) {}
  void ok(std::string check, std::string detail) { add(PluginCheckStatus::ok, std::move(check), std::move(detail)); }
  void fail(std::string check, std::string detail) {
    add(PluginCheckStatus::fail, std::move(check), std::move(detail));
  }
  void skip(std::string check, std::string detail) {
    add(PluginCheckStatus::skipped, std::move(check), std::move(detail));
  }

 private:
  void add(PluginCheckStatus s, std::string check, std::string detail) {
    std::replace(detail.begin(), detail.end(), '\n', ' ');
    r_.lines.push_back({s, std::move(check), std::move(detail)});
  }
  PluginCheckReport& r_;
};

// The catalog's problem about one exercise, or empty.
std::string problem_for_exercise(const Catalog& catalog, const std::string& plugin, const std::string& id) {
  const std::string needle = "exercise '" + id + "'";
  const std::string dup = "duplicate exercise id '" + id + "'";
  for (const auto& p : catalog.problems())
    if (p.plugin == plugin && (p.message.find(needle) != std::string::npos || p.message.find(dup) != std::string::npos))
      return p.message;
  return {};
}

// Without the plugin's library: does the exercise's grader resolve among the built-ins?
void check_grader_without_library(ReportBuilder& out, const Manifest& m, const Exercise& ex) {
  GraderRegistry builtins;
  register_builtin_graders(builtins);
  const std::string& g = ex.grader.name;
  if (!builtins.contains("", g) && (m.plugin.library || g.find(':') != std::string::npos)) {
    out.skip("grader", fmt::format("{}: grader '{}' not checked: the plugin's library did not load", ex.id, g));
    return;
  }
  try {
    builtins.make_for(m.plugin.name, g, ex.grader.options);
    out.ok("grader", fmt::format("{}: {} (built-in)", ex.id, g));
  } catch (const OptionError& e) {
    SourcePos pos = ex.grader.pos;
    if (const Value* v = ex.grader.options.root().find(e.key()); v && v->line() > 0)
      pos.line = v->line(), pos.column = v->column();
    out.fail("grader", fmt::format("{}: exercise '{}': grader '{}': {}", pos.str(), ex.id, g, e.what()));
  } catch (const std::exception& e) {
    out.fail("grader", fmt::format("{}: exercise '{}': grader '{}' could not be built: {}", ex.grader.pos.str(), ex.id,
                                   g, e.what()));
  }
}

// Files of one exercise in one language: a starter, a reference, at least one known-bad.
void check_files(ReportBuilder& out, const Manifest& m, const Exercise& ex, const std::string& language) {
  const std::string ext = ext_for(language);
  std::error_code ec;
  std::vector<std::string> missing;
  const fs::path starter = (m.starters_dir() / (ex.name + ext)).lexically_normal();
  if (!fs::is_regular_file(starter, ec))
    missing.push_back(fmt::format("no starter {}", starter.lexically_relative(m.dir).string()));
  if (!fs::is_regular_file(m.dir / "solutions" / (ex.name + ext), ec))
    missing.push_back(fmt::format("no reference solutions/{}{}", ex.name, ext));
  std::size_t bad = 0;
  for (const auto& entry : fs::directory_iterator(m.dir / "bad", ec)) {
    const std::string f = entry.path().filename().string();
    if (f.rfind(ex.name + ".", 0) == 0 && entry.path().extension() == ext && f.size() > ex.name.size() + 1 + ext.size())
      ++bad;
  }
  if (bad == 0) missing.push_back(fmt::format("no known-bad bad/{}.<tag>{}", ex.name, ext));
  if (missing.empty()) {
    out.ok("files", fmt::format("{} ({}): starter, reference, {}", ex.id, language, plural(bad, "known-bad", "known-bad")));
    return;
  }
  out.fail("files", fmt::format("{} ({}): {} (every language an exercise declares needs all three)", ex.id, language,
                                fmt::join(missing, ", ")));
}

// Files in solutions/ and bad/ that no exercise (or none of its languages) would ever run.
void check_stray_files(ReportBuilder& out, const Manifest& m) {
  std::map<std::string, std::set<std::string>> exts;  // exercise name -> extensions it runs
  for (const Exercise& ex : m.exercises)
    for (const std::string& language : ex.languages) exts[ex.name].insert(ext_for(language));
  std::vector<std::string> stray;
  for (const char* folder : {"solutions", "bad"}) {
    std::error_code ec;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(m.dir / folder, ec))
      if (entry.is_regular_file(ec) && is_solution_ext(entry.path().extension().string())) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files) {
      const std::string file = f.filename().string();
      const std::string ext = f.extension().string();
      std::string name = file.substr(0, file.find('.'));
      const bool tagged = file.find('.') != file.rfind('.');
      auto it = exts.find(name);
      const std::string rel = std::string(folder) + "/" + file;
      if (std::string(folder) == "bad" && !tagged)
        stray.push_back(fmt::format("{} (name it bad/{}.<tag>{})", rel, name, ext));
      else if (it == exts.end())
        stray.push_back(fmt::format("{} (no exercise '{}/{}')", rel, m.plugin.name, name));
      else if (!it->second.count(ext))
        stray.push_back(fmt::format("{} (exercise '{}/{}' does not declare this language in `languages`)", rel,
                                    m.plugin.name, name));
    }
  }
  if (stray.empty()) return;
  out.fail("files", fmt::format("never run: {}", fmt::join(stray, ", ")));
}

std::string run_detail(const SelftestItem& item, const ExerciseResult& r, const fs::path& dir,
                       const std::string& mismatch) {
  const std::string file = item.request.file.lexically_relative(dir).string();
  const std::string head = fmt::format("{} ({}): {}", item.request.exercise->id, item.request.language, file);
  if (mismatch.empty()) {
    if (item.kind != SelftestKind::known_bad) return head + ": passed";
    return fmt::format("{}: {}{}", head, to_string(r.verdict), item.expect_verdict ? ", as declared" : "");
  }
  std::string detail = fmt::format("{}: {}", head, mismatch);
  if (!r.message.empty()) detail += " — " + r.message;
  if (r.verdict == Verdict::internal_error && r.message.find("threw") != std::string::npos)
    detail += " (a grader's grade() must not throw: return GradeOutcome::fail(...) for a wrong output)";
  else if (item.kind == SelftestKind::known_bad && r.verdict == Verdict::passed)
    detail += " (make the grader or the exercise's `requires` stricter, or fix the known-bad file)";
  else if (item.kind == SelftestKind::known_bad)
    detail += " (fix its `# expect:` / `# message:` lines, or the file)";
  else
    detail += " (fix the solution, or the exercise's grader options)";
  return detail;
}

// The other plugins named in this manifest's grader references ("threads:quiz" names threads).
std::vector<std::string> referenced_plugins(const Manifest& m) {
  std::vector<std::string> names;
  for (const Exercise& ex : m.exercises) {
    const std::size_t colon = ex.grader.name.find(':');
    if (colon == std::string::npos) continue;
    std::string name = ex.grader.name.substr(0, colon);
    if (name != m.plugin.name && std::find(names.begin(), names.end(), name) == names.end())
      names.push_back(std::move(name));
  }
  return names;
}

// The folder of plugin `name` in the engine's plugin folders (<folder>/<name>/plugin.toml, or a
// folder that is that plugin), the first one found as Catalog::load finds them; empty when none.
fs::path plugin_folder(const EnginePaths& paths, const std::string& name) {
  std::error_code ec;
  for (const fs::path& root : paths.plugin_dirs) {
    if (fs::exists(root / "plugin.toml", ec)) {
      if (root.filename() == name) return fs::absolute(root, ec).lexically_normal();
      continue;
    }
    if (fs::exists(root / name / "plugin.toml", ec)) return fs::absolute(root / name, ec).lexically_normal();
  }
  return {};
}

}  // namespace

std::size_t PluginCheckReport::count(PluginCheckStatus status) const {
  return static_cast<std::size_t>(
      std::count_if(lines.begin(), lines.end(), [&](const PluginCheckLine& l) { return l.status == status; }));
}

PluginCheckReport check_plugin(const fs::path& dir_in, const EnginePaths& paths, ProcessRunner& runner,
                               const PluginCheckOptions& options) {
  PluginCheckReport report;
  ReportBuilder out(report);
  std::error_code ec;
  const fs::path dir = fs::absolute(dir_in, ec).lexically_normal();
  report.dir = dir;
  report.plugin = dir.filename().string();

  // The manifest.
  const fs::path manifest_path = dir / "plugin.toml";
  if (!fs::is_regular_file(manifest_path, ec)) {
    out.fail("manifest", fmt::format("{}: no plugin.toml (a plugin folder needs one: exengine plugin new NAME makes one)",
                                     display_path(dir)));
    return report;
  }
  Manifest m;
  try {
    m = parse_manifest(manifest_path, display_path(manifest_path));
  } catch (const ManifestError& e) {
    out.fail("manifest", e.what());
    return report;
  }
  report.plugin = m.plugin.name;
  out.ok("manifest", fmt::format("{}: plugin '{}' {}, {}", display_path(manifest_path), m.plugin.name,
                                 m.plugin.version, plural(m.exercises.size(), "exercise", "exercises")));

  // ABI, library and graders: the catalog does the loading, and says what went wrong.
  const bool abi_ok = m.plugin.abi == kAbiVersion;
  if (abi_ok)
    out.ok("abi", fmt::format("abi = {}, as this engine", m.plugin.abi));
  else
    out.fail("abi", fmt::format("{}: plugin '{}' declares abi = {}, this engine has ABI {} (rebuild the plugin "
                                "against this engine's SDK and update `abi`)",
                                m.plugin.abi_pos.str(), m.plugin.name, m.plugin.abi, kAbiVersion));
  Catalog catalog;
  // The plugins whose graders this one names ("threads:quiz"), from the engine's plugin folders
  // first, so those references resolve as they do for the whole catalog.
  for (const std::string& other : referenced_plugins(m))
    if (fs::path found = plugin_folder(paths, other); !found.empty() && found != dir) catalog.load_plugin(found, paths);
  const bool loaded = catalog.load_plugin(dir, paths);
  const LoadedPlugin* plugin = loaded ? catalog.plugin(m.plugin.name) : nullptr;
  if (!m.plugin.library) {
    out.ok("library", "none: a TOML-only plugin (built-in graders, and other plugins' as plugin:name)");
  } else if (!abi_ok) {
    out.skip("library", fmt::format("lib{}.so not opened: the manifest's abi does not match", *m.plugin.library));
  } else if (!plugin) {
    std::string why;
    for (const auto& p : catalog.problems())
      if (p.plugin == m.plugin.name && why.empty()) why = p.message;
    out.fail("library", why.empty() ? fmt::format("plugin '{}' did not load", m.plugin.name) : why);
  } else {
    const PluginLibrary& lib = *plugin->library;
    const std::string graders = fmt::to_string(fmt::join(plugin->grader_names, ", "));
    const std::string self_name = lib.descriptor().name ? lib.descriptor().name : "";
    if (self_name != m.plugin.name)
      out.fail("library", fmt::format("plugin '{}': {} calls itself '{}' in EXENGINE_PLUGIN (make it \"{}\", as "
                                      "plugin.toml's name)",
                                      m.plugin.name, display_path(lib.path()), self_name, m.plugin.name));
    else
      out.ok("library", fmt::format("{} (ABI {}): {}", display_path(lib.path()), lib.descriptor().abi_version,
                                    graders.empty() ? "registers no graders" : "graders " + graders));
  }

  // Runs: references and the seed's code pass, known-bad solutions fail as declared.
  std::vector<SelftestItem> items;
  std::vector<ExerciseResult> results;
  if (plugin) {
    for (SelftestItem& item : selftest_plan(catalog, {m.plugin.name}))
      if (item.kind != SelftestKind::missing_reference && catalog.grader(*item.request.exercise))
        items.push_back(std::move(item));
    results.resize(items.size());
    Checker checker(catalog, runner, options.overrides);
    parallel_for(items.size(), options.jobs, [&](std::size_t i) {
      try {
        results[i] = checker.check(items[i].request);
      } catch (const std::exception& e) {
        results[i].verdict = Verdict::internal_error;
        results[i].message = e.what();
      }
    });
  }

  // Per exercise: grader, files, runs.
  for (const Exercise& ex : m.exercises) {
    bool grader_ok = false;
    if (plugin) {
      const Exercise* loaded_ex = catalog.exercise(ex.id);
      if (loaded_ex && catalog.grader(*loaded_ex)) {
        const bool own = std::find(plugin->grader_names.begin(), plugin->grader_names.end(), ex.grader.name) !=
                         plugin->grader_names.end();
        const std::size_t colon = ex.grader.name.find(':');
        const std::string from = own ? ""
                                 : colon == std::string::npos
                                     ? " (built-in)"
                                     : fmt::format(" (from plugin '{}')", ex.grader.name.substr(0, colon));
        out.ok("grader", fmt::format("{}: {}{}", ex.id, ex.grader.name, from));
        grader_ok = true;
      } else {
        std::string why = problem_for_exercise(catalog, m.plugin.name, ex.id);
        out.fail("grader", why.empty() ? fmt::format("{}: exercise '{}' has no grader", ex.pos.str(), ex.id) : why);
      }
    } else {
      check_grader_without_library(out, m, ex);
    }
    for (const std::string& language : ex.languages) {
      check_files(out, m, ex, language);
      if (!plugin) continue;
      if (!grader_ok) {
        out.skip("runs", fmt::format("{} ({}): solutions not run: the exercise has no grader", ex.id, language));
        continue;
      }
      for (std::size_t i = 0; i < items.size(); ++i) {
        const SelftestItem& item = items[i];
        if (item.request.exercise->id != ex.id || item.request.language != language) continue;
        std::string why = selftest_mismatch(item, results[i]);
        // A known-bad "failing" because the grader broke proves nothing about the grader.
        if (why.empty() && item.kind == SelftestKind::known_bad && results[i].verdict == Verdict::internal_error &&
            item.expect_verdict != Verdict::internal_error)
          why = "it failed only because grading broke (internal-error), not because it is wrong";
        const std::string check = item.kind == SelftestKind::known_bad ? "known-bad" : std::string(to_string(item.kind));
        std::string detail = run_detail(item, results[i], dir, why);
        if (why.empty()) out.ok(check, std::move(detail));
        else out.fail(check, std::move(detail));
      }
    }
  }
  check_stray_files(out, m);
  if (!plugin && !m.exercises.empty())
    out.skip("runs", "no solution was run: the plugin did not load (fix the problems above, then check again)");
  return report;
}

}  // namespace exengine
