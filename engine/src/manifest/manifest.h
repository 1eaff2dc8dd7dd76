// Manifest: a plugin's plugin.toml, parsed and validated. See docs/manifest.md for the format.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "exengine/value.h"
#include "core/limits.h"

namespace exengine {

// Where something was written: `plugins/locks/plugin.toml:12:9`.
struct SourcePos {
  std::string file;  // as given to parse_manifest (not made absolute)
  int line = 0;
  int column = 0;
  std::string str() const;  // "file:line:column" (or "file" when line is 0)
};

// Every manifest problem: what() is the whole one-line message, starting with the position.
class ManifestError : public std::runtime_error {
 public:
  ManifestError(SourcePos pos, const std::string& message);
  const SourcePos& pos() const { return pos_; }
  const std::string& message() const { return message_; }  // without the position

 private:
  SourcePos pos_;
  std::string message_;
};

struct GraderSpec {
  std::string name;  // as written: "interleave", "quiz", "threads:quiz"
  Options options;   // every key of the grader table except `name`
  SourcePos pos;     // of the grader table (or inline table)
};

// One behaviour requirement (issue: probes), e.g. threads_started >= 3 or pool_used = true.
struct Requirement {
  std::string counter;  // "threads_started", "pool_used", ...
  std::string op;       // ">=", "<=", "==", ">", "<"; booleans are "==" with value 1 or 0
  std::int64_t value = 0;
  SourcePos pos;
};

struct Exercise {
  std::string id;     // "threads/simple-thread"
  std::string topic;  // "threads" (the plugin's name)
  std::string name;   // "simple-thread"
  std::string title;
  std::string prompt;
  std::string source;                   // seed item, e.g. "Example 1"; may be empty
  std::vector<std::string> languages;   // default {"python"}
  double points = 10;
  std::optional<double> timeout_s;      // wall-clock seconds; the engine default when absent
  std::vector<std::string> hints;
  GraderSpec grader;
  int trials = 1;
  bool stress = false;                  // run under schedule noise by default
  bool race = false;                    // C++: ThreadSanitizer build by default
  std::vector<Requirement> requires_;   // behaviour requirements checked by the probes
  LimitOverrides limits;                // per-exercise limits (`[exercise.limits]`)
  SourcePos pos;                        // of the [[exercise]] header
};

struct PluginInfo {
  std::string name;
  std::string title;
  std::string version;
  std::string description;
  int abi = 0;
  std::optional<std::string> library;   // base name: lib<library>.so is looked up
  std::string starters = "starter";     // folder of starter files, relative to the plugin folder
  SourcePos abi_pos;                    // to point at `abi = N` on a mismatch
  SourcePos library_pos;
};

struct Manifest {
  std::filesystem::path dir;   // the plugin folder
  std::filesystem::path path;  // the plugin.toml
  PluginInfo plugin;
  std::vector<Exercise> exercises;

  const Exercise* find(std::string_view id) const;
  std::filesystem::path starters_dir() const { return dir / plugin.starters; }
};

// Parses and validates `path`. `display` is how the file is named in messages (defaults to
// `path` as given). Throws ManifestError on the first problem.
Manifest parse_manifest(const std::filesystem::path& path, const std::string& display = {});
// Same, from text (tests, `plugin check`).
Manifest parse_manifest_text(std::string_view text, const std::string& display,
                             const std::filesystem::path& dir = {});

// The keys the parser accepts, in docs/manifest.md's order, so a test can keep the two in step.
// `table` is one of "top" (plugin, exercise), "plugin", "exercise", "limits" ([exercise.limits]),
// "requires-counters" and "requires-booleans" ([exercise.requires]); any other name gives an
// empty list. The lists are constants, safe to read from any thread.
const std::vector<std::string>& manifest_keys(std::string_view table);
// The subset of manifest_keys(table) that must be present.
const std::vector<std::string>& manifest_required_keys(std::string_view table);

}  // namespace exengine
