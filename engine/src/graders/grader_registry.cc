#include "graders/grader_registry.h"

#include <algorithm>
#include <set>
#include <stdexcept>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/suggest.h"

namespace exengine {

namespace {

// Owns a grader built by a factory: keeps the library that holds the grader's code loaded for the
// grader's whole life (keepalive_ is declared first, so it is destroyed last), and turns an
// exception from grade() into an internal-error outcome.
class GuardedGrader : public Grader {
 public:
  GuardedGrader(std::shared_ptr<void> keepalive, std::unique_ptr<Grader> inner, std::string label)
      : keepalive_(std::move(keepalive)), inner_(std::move(inner)), label_(std::move(label)) {}

  GradeOutcome grade(const GradeInput& input) const override {
    GradeOutcome outcome;
    try {
      outcome = inner_->grade(input);
    } catch (const std::exception& e) {
      return failure("threw: " + std::string(e.what()));
    } catch (...) {
      return failure("threw: an exception that is not a std::exception");
    }
    // grader.h's promise: passed, wrong-output or internal-error, and a score in 0..1.
    if (outcome.verdict != Verdict::passed && outcome.verdict != Verdict::wrong_output &&
        outcome.verdict != Verdict::internal_error)
      return failure(fmt::format("returned the verdict '{}' (a grader may return passed, wrong-output or "
                                 "internal-error)", to_string(outcome.verdict)));
    if (!(outcome.score >= 0.0 && outcome.score <= 1.0))
      return failure(fmt::format("returned the score {} (a grader's score is a fraction from 0 to 1)", outcome.score));
    return outcome;
  }

  std::string example_output() const override {
    try {
      return inner_->example_output();
    } catch (...) {
      return {};
    }
  }

 private:
  GradeOutcome failure(const std::string& what) const {
    GradeOutcome outcome;
    outcome.verdict = Verdict::internal_error;
    outcome.score = 0;
    outcome.message = "grader '" + label_ + "' " + what;
    return outcome;
  }

  std::shared_ptr<void> keepalive_;
  std::unique_ptr<Grader> inner_;
  std::string label_;
};

// The host a factory sees: nested names resolve as they would for the plugin in `context`.
class ScopedHost : public GraderHost {
 public:
  ScopedHost(const GraderRegistry& registry, std::string_view context) : registry_(registry), context_(context) {}
  std::unique_ptr<Grader> make(std::string_view name, const Options& options) const override {
    return registry_.make_for(context_, name, options);
  }

 private:
  const GraderRegistry& registry_;
  std::string_view context_;
};

std::string qualified(std::string_view plugin, std::string_view name) {
  return plugin.empty() ? std::string(name) : std::string(plugin) + ":" + std::string(name);
}

}  // namespace

std::string grader_name_problem(std::string_view name) {
  bool ok = !name.empty() && name.front() != '-' && name.back() != '-' && name.find("--") == std::string_view::npos;
  for (char c : name) ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
  if (ok) return {};
  return "grader name '" + std::string(name) + "' must be lower-case words of a-z and 0-9 joined by '-'";
}

void GraderRegistry::add_grader(const std::string& name, const std::string& summary, GraderFactory factory) {
  if (auto problem = grader_name_problem(name); !problem.empty()) throw std::runtime_error(problem);
  if (!factory) throw std::runtime_error("grader '" + name + "' has no factory");
  if (entries_.count(name)) throw std::runtime_error("grader '" + name + "' is registered twice");
  entries_.emplace(name, Entry{{name, summary, ""}, factory, nullptr});
}

void GraderRegistry::add_plugin_grader(const std::string& plugin, const std::string& name,
                                       const std::string& summary, GraderFactory factory,
                                       std::shared_ptr<void> keepalive) {
  if (auto problem = grader_name_problem(name); !problem.empty())
    throw std::runtime_error("plugin '" + plugin + "': " + problem);
  if (!factory) throw std::runtime_error("plugin '" + plugin + "': grader '" + name + "' has no factory");
  std::string key = qualified(plugin, name);
  if (entries_.count(key))
    throw std::runtime_error("plugin '" + plugin + "' registers grader '" + name + "' twice");
  entries_.emplace(key, Entry{{name, summary, plugin}, factory, std::move(keepalive)});
}

const GraderRegistry::Entry* GraderRegistry::resolve(std::string_view plugin, std::string_view name) const {
  if (name.find(':') == std::string_view::npos) {
    if (!plugin.empty())
      if (auto it = entries_.find(qualified(plugin, name)); it != entries_.end()) return &it->second;
  }
  // A built-in's key is its bare name; a qualified name is its own key.
  if (auto it = entries_.find(name); it != entries_.end()) return &it->second;
  return nullptr;
}

bool GraderRegistry::contains(std::string_view plugin, std::string_view name) const {
  return resolve(plugin, name) != nullptr;
}

void GraderRegistry::unknown(std::string_view plugin, std::string_view name) const {
  // Names that need no qualification here first, then qualified ones.
  std::set<std::string> plain, qualified_names;
  for (const auto& [key, entry] : entries_) {
    if (entry.info.plugin.empty()) plain.insert(key);
    else qualified_names.insert(key);
    if (!plugin.empty() && entry.info.plugin == plugin) plain.insert(entry.info.name);
  }
  std::vector<std::string> available(plain.begin(), plain.end());
  available.insert(available.end(), qualified_names.begin(), qualified_names.end());
  std::string message = "unknown grader '" + std::string(name) + "'";
  if (auto best = closest_match(name, available)) message += "; did you mean '" + *best + "'?";
  message += available.empty() ? std::string(" (available: none)")
                               : fmt::format(" (available: {})", fmt::join(available, ", "));
  throw OptionError("name", message);
}

std::unique_ptr<Grader> GraderRegistry::build(const Entry& entry, std::string_view plugin,
                                              const Options& options) const {
  // Nested names resolve for the plugin that owns the grader, or (built-ins) for the exercise's.
  std::string_view context = entry.info.plugin.empty() ? plugin : std::string_view(entry.info.plugin);
  ScopedHost host(*this, context);
  const std::string label = entry.info.qualified();
  std::unique_ptr<Grader> grader;
  try {
    grader = entry.factory(options, host);
  } catch (const OptionError&) {
    throw;
  } catch (const std::exception& e) {
    throw OptionError("name", "grader '" + label + "' could not be built: " + e.what());
  } catch (...) {
    throw OptionError("name", "grader '" + label + "' could not be built: an exception that is not a std::exception");
  }
  if (!grader) throw OptionError("name", "grader '" + label + "' could not be built: its factory returned nothing");
  return std::make_unique<GuardedGrader>(entry.keepalive, std::move(grader), label);
}

std::unique_ptr<Grader> GraderRegistry::make(std::string_view name, const Options& options) const {
  return make_for({}, name, options);
}

std::unique_ptr<Grader> GraderRegistry::make_for(std::string_view plugin, std::string_view name,
                                                 const Options& options) const {
  const Entry* entry = resolve(plugin, name);
  if (!entry) unknown(plugin, name);
  return build(*entry, plugin, options);
}

std::vector<GraderInfo> GraderRegistry::list() const {
  std::vector<GraderInfo> out;
  for (const auto& [key, entry] : entries_) out.push_back(entry.info);
  std::stable_sort(out.begin(), out.end(), [](const GraderInfo& a, const GraderInfo& b) {
    return std::tie(a.plugin, a.name) < std::tie(b.plugin, b.name);
  });
  return out;
}

std::vector<std::string> GraderRegistry::plugin_graders(std::string_view plugin) const {
  std::vector<std::string> out;
  for (const auto& [key, entry] : entries_)
    if (!plugin.empty() && entry.info.plugin == plugin) out.push_back(entry.info.name);
  std::sort(out.begin(), out.end());
  return out;
}

PluginRegistrar::PluginRegistrar(GraderRegistry& registry, std::string plugin, std::shared_ptr<void> keepalive)
    : registry_(registry), plugin_(std::move(plugin)), keepalive_(std::move(keepalive)) {}

void PluginRegistrar::add_grader(const std::string& name, const std::string& summary, GraderFactory factory) {
  if (auto problem = grader_name_problem(name); !problem.empty())
    throw std::runtime_error("plugin '" + plugin_ + "': " + problem);
  if (!factory) throw std::runtime_error("plugin '" + plugin_ + "': grader '" + name + "' has no factory");
  for (const auto& s : staged_)
    if (s.name == name) throw std::runtime_error("plugin '" + plugin_ + "' registers grader '" + name + "' twice");
  staged_.push_back({name, summary, factory});
}

void PluginRegistrar::commit() {
  for (const auto& s : staged_)
    if (registry_.contains({}, plugin_ + ":" + s.name))
      throw std::runtime_error("plugin '" + plugin_ + "' registers grader '" + s.name + "' twice");
  for (const auto& s : staged_) registry_.add_plugin_grader(plugin_, s.name, s.summary, s.factory, keepalive_);
}

std::vector<std::string> PluginRegistrar::names() const {
  std::vector<std::string> out;
  for (const auto& s : staged_) out.push_back(s.name);
  return out;
}

}  // namespace exengine
