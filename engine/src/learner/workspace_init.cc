#include "learner/workspace_init.h"

#include <algorithm>
#include <fstream>
#include <system_error>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "learner/content_hash.h"
#include "learner/learner_state.h"
#include "learner/learner_workspace.h"
#include "core/suggest.h"
#include "plugin_host/catalog.h"

namespace exengine {
namespace fs = std::filesystem;

namespace {

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

std::string workspace_readme(const std::string& language, const std::string& first_file) {
  const std::string lang = language == "cpp" ? "C++" : "Python";
  return fmt::format(R"(# Your exengine workspace ({0})

Each exercise is one file, `<topic>/<exercise>{1}`, holding a starter with TODOs. Edit it until
the engine says `passed`. Start with `{2}`.

## The loop

    exengine watch              # leave it running: every save is checked at once
    exengine check {2}          # or check one file (or the whole folder: exengine check .)
    exengine hint               # the next hint for the exercise you are on
    exengine progress           # what is done, per topic
    exengine show threads/simple-thread   # an exercise's full prompt
    exengine reset threads/simple-thread  # the starter back (your file is kept as a backup)
    exengine solution threads/simple-thread   # the reference solution, once you passed

In `exengine watch`: `h` shows the next hint, `n` skips to the next exercise, `p` goes back one,
`l` lists every exercise with its verdict (arrows or j/k and Enter open one), `q` quits. When a
file passes, watch moves on to the next unfinished one.

## Verdicts

- `passed`: done.
- `wrong-output`: it ran, but printed the wrong thing, or did not do what the exercise asks
  (e.g. no thread started); the message says which. In the diff, `-` lines are expected and `+`
  lines are your output.
- `runtime-error`: it crashed (see stderr); a half-finished file usually ends here.
- `timeout`: it ran too long: a missing `join()`, a deadlock, or a loop that never ends.
- `memory-limit`, `output-limit`: it used too much memory or printed too much.
- `compile-error` (C++): it did not compile.

Threads run in any order, so outputs of several threads may interleave: the engine accepts every
order a correct program can produce and reports only real mistakes.

Your files are never overwritten: `exengine init` again only adds what is missing. The engine
keeps its notes in `{3}`; deleting it is harmless (it is rebuilt).
)",
                     lang, extension_for(language), first_file, kStateFileName);
}

InitReport init_workspace(const Catalog& catalog, const InitOptions& options) {
  InitReport report;
  std::error_code ec;
  fs::create_directories(options.root, ec);
  if (!fs::is_directory(options.root, ec))
    throw WorkspaceError(fmt::format("{}: cannot create the folder", options.root.string()));
  report.root = fs::absolute(options.root).lexically_normal();
  if (!report.root.has_filename()) report.root = report.root.parent_path();
  const fs::path& root = report.root;

  // What is there already (a usable state file, or else what the folders say).
  std::optional<LearnerState> existing;
  try {
    existing = load_state(root);
  } catch (const StateError&) {
  }
  if (!existing) {
    LearnerState inferred = infer_state(catalog, root);
    if (!inferred.topics.empty()) existing = inferred;
  }
  if (options.language && *options.language != "python" && *options.language != "cpp")
    throw WorkspaceError(fmt::format("unknown language '{}' (valid: python, cpp)", *options.language));
  report.language = options.language.value_or(existing ? existing->language : "python");
  if (existing && options.language && existing->language != *options.language)
    throw WorkspaceError(fmt::format("{}: this workspace is for {}; make another folder for {}", options.root.string(),
                                     existing->language, *options.language));

  const std::vector<std::string> all_topics = lesson_topics(catalog);
  std::vector<std::string> wanted = options.topics;
  for (const std::string& t : wanted) {
    if (contains(all_topics, t)) continue;
    std::optional<std::string> near = closest_match(t, all_topics);
    throw WorkspaceError(near ? fmt::format("unknown topic '{}' (did you mean '{}'?)", t, *near)
                              : fmt::format("unknown topic '{}' (valid: {})", t, fmt::join(all_topics, ", ")));
  }
  if (wanted.empty()) wanted = existing ? existing->topics : all_topics;
  if (existing)
    for (const std::string& t : existing->topics)
      if (!contains(wanted, t)) wanted.push_back(t);
  for (const std::string& t : all_topics)
    if (contains(wanted, t)) report.topics.push_back(t);

  LearnerState state;
  state.language = report.language;
  state.topics = report.topics;
  const std::string ext = extension_for(report.language);
  std::string first_file;
  for (const std::string& topic : report.topics) {
    for (const Exercise& ex : catalog.plugin(topic)->manifest.exercises) {
      if (catalog.exercise(ex.id) != &ex) continue;
      const std::string rel = ex.topic + "/" + ex.name + ext;
      const fs::path target = root / rel;
      if (fs::exists(target, ec) || fs::is_symlink(target, ec)) {
        report.kept.push_back(rel);
        if (first_file.empty()) first_file = rel;
        continue;
      }
      const fs::path starter = catalog.starter(ex, ext);
      if (!contains(ex.languages, report.language) || !fs::is_regular_file(starter, ec)) {
        report.skipped.push_back(ex.id);
        continue;
      }
      fs::create_directories(target.parent_path(), ec);
      fs::copy_file(starter, target, fs::copy_options::skip_existing, ec);
      if (ec) throw WorkspaceError(fmt::format("{}: cannot write: {}", target.string(), ec.message()));
      report.created.push_back(rel);
      if (first_file.empty()) first_file = rel;
      ExerciseState& e = state.exercises[ex.id];
      e.file = rel;
      e.hash = file_content_hash(target).value_or("");
    }
  }

  report.first_file = first_file;
  const fs::path readme = root / "README.md";
  if (!fs::exists(readme, ec)) {
    std::ofstream out(readme);
    out << workspace_readme(report.language, first_file.empty() ? "threads/simple-thread" + ext : first_file);
    if (!out) throw WorkspaceError(fmt::format("{}: cannot write", readme.string()));
    report.readme_created = true;
  }
  try {
    save_state(root, state);  // merges with the existing state: nothing recorded there is lost
  } catch (const StateError& e) {
    throw WorkspaceError(e.what());
  }
  return report;
}

}  // namespace exengine
