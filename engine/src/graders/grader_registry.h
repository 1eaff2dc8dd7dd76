// GraderRegistry: every grader the engine can build, by name: the built-in ones and those the
// plugin libraries registered.
//
// Contract
// - Filling: add_grader()/add_plugin_grader()/PluginRegistrar::commit() run on one thread at
//   start-up. After that the registry is read-only, and make()/make_for()/list() may be called
//   from any number of threads at once.
// - Names: a built-in is reached by its name ("exact"); a plugin's grader by "plugin:name" from
//   anywhere, and by its bare name from that plugin's own exercises (make_for), where it shadows a
//   built-in of the same name.
// - Lifetime: an entry keeps its `keepalive` (the plugin library) alive; so does every Grader made
//   from it, which may outlive the registry. The library is released only after the last such
//   Grader is destroyed.
// - Errors: a grader whose grade() throws yields an internal-error GradeOutcome naming it
//   ("grader 'threads:quiz' threw: ..."); the exception never reaches the caller. An unknown name
//   or bad options throw OptionError from make()/make_for().
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "exengine/grader.h"
#include "exengine/plugin.h"

namespace exengine {

struct GraderInfo {
  std::string name;     // "interleave", "quiz"
  std::string summary;  // one line
  std::string plugin;   // owner; "" for a built-in
  std::string qualified() const { return plugin.empty() ? name : plugin + ":" + name; }
};

class GraderRegistry : public Registrar, public GraderHost {
 public:
  GraderRegistry() = default;
  GraderRegistry(const GraderRegistry&) = delete;
  GraderRegistry& operator=(const GraderRegistry&) = delete;

  // Registers a built-in grader. Throws std::runtime_error on a duplicate or malformed name.
  void add_grader(const std::string& name, const std::string& summary, GraderFactory factory) override;
  // Registers a plugin's grader; the entry and every grader it makes keep `keepalive` alive.
  // Throws std::runtime_error when the plugin already has a grader of that name.
  void add_plugin_grader(const std::string& plugin, const std::string& name, const std::string& summary,
                         GraderFactory factory, std::shared_ptr<void> keepalive);

  // GraderHost: built-in names and qualified "plugin:name".
  std::unique_ptr<Grader> make(std::string_view name, const Options& options) const override;
  // For an exercise of `plugin`: the plugin's own graders first, then built-ins, then "p:name".
  std::unique_ptr<Grader> make_for(std::string_view plugin, std::string_view name, const Options& options) const;

  // Whether `name` resolves (as make_for would resolve it for `plugin`; "" = as make would).
  bool contains(std::string_view plugin, std::string_view name) const;
  // Built-ins first, then plugins by name; names sorted.
  std::vector<GraderInfo> list() const;
  // Graders a plugin registered, sorted.
  std::vector<std::string> plugin_graders(std::string_view plugin) const;

 private:
  struct Entry {
    GraderInfo info;
    GraderFactory factory = nullptr;
    std::shared_ptr<void> keepalive;
  };
  // Key: qualified name ("exact", "threads:quiz").
  std::map<std::string, Entry, std::less<>> entries_;

  const Entry* resolve(std::string_view plugin, std::string_view name) const;
  std::unique_ptr<Grader> build(const Entry& entry, std::string_view plugin, const Options& options) const;
  [[noreturn]] void unknown(std::string_view plugin, std::string_view name) const;
};

// Stages a plugin's registrations: the plugin's register_graders() talks to this Registrar, and
// nothing reaches the registry until commit(), so a registration that throws half-way leaves the
// registry untouched. A duplicate name within the plugin throws std::runtime_error at once.
class PluginRegistrar : public Registrar {
 public:
  PluginRegistrar(GraderRegistry& registry, std::string plugin, std::shared_ptr<void> keepalive);
  void add_grader(const std::string& name, const std::string& summary, GraderFactory factory) override;
  // Adds every staged grader to the registry (throws std::runtime_error on a clash, adding none).
  void commit();
  std::vector<std::string> names() const;

 private:
  struct Staged {
    std::string name, summary;
    GraderFactory factory;
  };
  GraderRegistry& registry_;
  std::string plugin_;
  std::shared_ptr<void> keepalive_;
  std::vector<Staged> staged_;
};

// Checks a grader name: lower-case words of [a-z0-9] joined by '-'. Returns "" or the problem.
std::string grader_name_problem(std::string_view name);

}  // namespace exengine
