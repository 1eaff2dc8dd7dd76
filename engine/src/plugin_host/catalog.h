// Catalog: every plugin the engine found, its manifest, its library and its graders, and one Grader
// per exercise. Built once at start-up; read-only (and so safe to share between threads) after.
//
// A broken plugin (malformed manifest, missing or wrong-ABI library, throwing registration, an
// exercise naming an unknown grader) is recorded as a Problem with a one-line message and skipped;
// the other plugins still load.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/paths.h"
#include "exengine/grader.h"
#include "manifest/manifest.h"

namespace exengine {

class GraderRegistry;
class PluginLibrary;

struct LoadedPlugin {
  Manifest manifest;
  std::shared_ptr<PluginLibrary> library;  // null for TOML-only plugins
  std::vector<std::string> grader_names;   // graders its library registered
};

class Catalog {
 public:
  struct Problem {
    std::string plugin;   // plugin name or folder
    std::string message;  // one line, starting with a file position where there is one
  };

  Catalog();
  ~Catalog();
  Catalog(const Catalog&) = delete;
  Catalog& operator=(const Catalog&) = delete;

  // Scans each folder of paths.plugin_dirs for <topic>/plugin.toml (a folder that itself holds a
  // plugin.toml is taken as one plugin). The first plugin of a name wins; later ones are problems.
  // Two phases: every plugin's manifest is read and its library registers its graders, then every
  // exercise's grader is built, so "other-plugin:name" resolves in any load order.
  void load(const EnginePaths& paths);
  // Loads one more plugin folder, both phases (`plugin check`: after load() of the plugins it may
  // refer to, or alone). Returns false on a problem.
  bool load_plugin(const std::filesystem::path& dir, const EnginePaths& paths);

  const std::vector<LoadedPlugin>& plugins() const { return plugins_; }
  const std::vector<Problem>& problems() const { return problems_; }
  const LoadedPlugin* plugin(std::string_view name) const;
  const LoadedPlugin* plugin_of(const Exercise& exercise) const;
  const Exercise* exercise(std::string_view id) const;
  std::vector<const Exercise*> exercises() const;  // in plugin order, then manifest order
  // The grader built for this exercise; null when the exercise failed to load its grader.
  const Grader* grader(const Exercise& exercise) const;
  const GraderRegistry& registry() const { return *registry_; }
  const EnginePaths& paths() const { return paths_; }

  // Files of an exercise (may not exist).
  std::filesystem::path starter(const Exercise& exercise, const std::string& ext) const;
  std::filesystem::path reference(const Exercise& exercise, const std::string& ext) const;
  std::vector<std::filesystem::path> known_bad(const Exercise& exercise) const;
  std::filesystem::path seed(const Exercise& exercise) const;

 private:
  // Phase 1: manifest, ABI, library, registration; appends to plugins_. False on a problem.
  bool open_plugin(const std::filesystem::path& dir, const EnginePaths& paths);
  // Phase 2: one Grader per exercise of `plugin` (problems recorded, the exercise skipped).
  void build_graders(const LoadedPlugin& plugin);

  EnginePaths paths_;
  std::unique_ptr<GraderRegistry> registry_;
  std::vector<LoadedPlugin> plugins_;
  std::vector<Problem> problems_;
  std::map<std::string, std::unique_ptr<Grader>, std::less<>> graders_;  // by exercise id
};

}  // namespace exengine
