#include "plugin_host/catalog.h"

#include <algorithm>
#include <system_error>

#include <fmt/format.h>

#include "graders/builtin_graders.h"
#include "graders/grader_registry.h"
#include "plugin_host/plugin_library.h"

namespace exengine {
namespace fs = std::filesystem;

namespace {


const Value* find_option_value(const Value& root, const std::string& key) {
  if (const Value* v = root.find(key)) return v;
  return nullptr;
}

}  // namespace

Catalog::Catalog() : registry_(std::make_unique<GraderRegistry>()) { register_builtin_graders(*registry_); }
Catalog::~Catalog() {
  graders_.clear();  // graders before the libraries that made them
  plugins_.clear();
}

void Catalog::load(const EnginePaths& paths) {
  paths_ = paths;
  for (const fs::path& root : paths.plugin_dirs) {
    std::error_code ec;
    // A mistyped --plugins or EXENGINE_PLUGIN_PATH entry must not pass silently. (No plugin key:
    // these concern a folder of plugins, not one plugin.)
    if (!fs::is_directory(root, ec)) {
      problems_.push_back({"", fmt::format("{}: no such plugin folder", display_path(root))});
      continue;
    }
    const std::size_t found_before = plugins_.size() + problems_.size();
    if (fs::exists(root / "plugin.toml", ec)) {
      open_plugin(root, paths);
      continue;
    }
    std::vector<fs::path> dirs;
    for (const auto& entry : fs::directory_iterator(root, fs::directory_options::skip_permission_denied, ec))
      if (entry.is_directory(ec)) dirs.push_back(entry.path());
    std::sort(dirs.begin(), dirs.end());
    for (const fs::path& dir : dirs) {
      if (dir.filename().string().front() == '.') continue;
      if (!fs::exists(dir / "plugin.toml", ec)) {
        // Folders such as plugins/common hold shared sources, not plugins: only a folder that
        // looks like a plugin (has solutions/ or a manifest-less library) is worth a warning.
        if (fs::exists(dir / "solutions", ec) || fs::exists(dir / "bad", ec))
          problems_.push_back({dir.filename().string(),
                               fmt::format("{}: no plugin.toml (a plugin folder needs one; see docs/manifest.md)",
                                           display_path(dir))});
        continue;
      }
      open_plugin(dir, paths);
    }
    if (plugins_.size() + problems_.size() == found_before)
      problems_.push_back({"", fmt::format("{}: no plugins in this folder (each plugin is a folder with a "
                                           "plugin.toml; see docs/manifest.md)", display_path(root))});
  }
  // Phase 2, once every library has registered: a "plugin:name" reference resolves whatever the
  // order the plugins were found in.
  for (const LoadedPlugin& p : plugins_) build_graders(p);
}

bool Catalog::load_plugin(const fs::path& dir_in, const EnginePaths& paths) {
  if (!open_plugin(dir_in, paths)) return false;
  build_graders(plugins_.back());
  return true;
}

bool Catalog::open_plugin(const fs::path& dir_in, const EnginePaths& paths) {
  if (paths_.exe.empty()) paths_ = paths;
  const fs::path dir = fs::absolute(dir_in).lexically_normal();
  const fs::path manifest_path = dir / "plugin.toml";
  const std::string folder = dir.filename().string();
  std::error_code ec;
  if (!fs::exists(manifest_path, ec)) {
    problems_.push_back({folder, fmt::format("{}: no plugin.toml (a plugin folder needs one; see docs/manifest.md)",
                                             display_path(dir))});
    return false;
  }
  LoadedPlugin loaded;
  try {
    loaded.manifest = parse_manifest(manifest_path, display_path(manifest_path));
  } catch (const ManifestError& e) {
    problems_.push_back({folder, e.what()});
    return false;
  }
  const Manifest& m = loaded.manifest;
  const std::string& name = m.plugin.name;
  if (plugin(name)) {
    problems_.push_back({name, fmt::format("{}: plugin '{}' is already loaded from {}; this copy is ignored",
                                           display_path(manifest_path), name,
                                           display_path(plugin(name)->manifest.path))});
    return false;
  }
  if (m.plugin.abi != kAbiVersion) {
    problems_.push_back({name, fmt::format("{}: plugin '{}' declares abi = {}, this engine has ABI {} (rebuild the plugin against this engine's SDK and update `abi`)",
                                           m.plugin.abi_pos.str(), name, m.plugin.abi, kAbiVersion)});
    return false;
  }
  if (m.plugin.library) {
    const std::string file = "lib" + *m.plugin.library + ".so";
    fs::path found;
    std::vector<fs::path> candidates{dir / file};
    for (const fs::path& d : paths.library_dirs) candidates.push_back(d / file);
    for (const fs::path& c : candidates)
      if (found.empty() && fs::exists(c, ec)) found = c;
    if (found.empty()) {
      problems_.push_back({name, fmt::format("{}: plugin '{}': library {} not found in {} (build the plugin, or remove `library` for a TOML-only plugin)",
                                             m.plugin.library_pos.str(), name, file, display_path(dir))});
      return false;
    }
    std::string error;
    loaded.library = PluginLibrary::open(found, name, error);
    if (!loaded.library) {
      problems_.push_back({name, error});
      return false;
    }
    PluginRegistrar registrar(*registry_, name, loaded.library);
    try {
      loaded.library->descriptor().register_graders(registrar);
      registrar.commit();
    } catch (const std::exception& e) {
      problems_.push_back({name, fmt::format("plugin '{}': registering its graders threw: {}", name, e.what())});
      return false;
    } catch (...) {
      problems_.push_back({name, fmt::format("plugin '{}': registering its graders threw an unknown exception", name)});
      return false;
    }
    loaded.grader_names = registrar.names();
  }
  plugins_.push_back(std::move(loaded));
  return true;
}

void Catalog::build_graders(const LoadedPlugin& plugin) {
  const Manifest& m = plugin.manifest;
  const std::string& name = m.plugin.name;
  for (const Exercise& ex : m.exercises) {
    if (const Exercise* other = exercise(ex.id); other != &ex) {
      problems_.push_back({name, fmt::format("{}: duplicate exercise id '{}' (first at {}); this one is ignored",
                                             ex.pos.str(), ex.id, other->pos.str())});
      continue;
    }
    try {
      graders_[ex.id] = registry_->make_for(name, ex.grader.name, ex.grader.options);
    } catch (const OptionError& e) {
      SourcePos pos = ex.grader.pos;
      const Value* v = find_option_value(ex.grader.options.root(), e.key());
      if (v && v->line() > 0) pos.line = v->line(), pos.column = v->column();
      problems_.push_back({name, fmt::format("{}: exercise '{}': grader '{}': {}", pos.str(), ex.id,
                                             ex.grader.name, e.what())});
    } catch (const std::exception& e) {
      problems_.push_back({name, fmt::format("{}: exercise '{}': grader '{}' could not be built: {}",
                                             ex.grader.pos.str(), ex.id, ex.grader.name, e.what())});
    }
  }
}

const LoadedPlugin* Catalog::plugin(std::string_view name) const {
  for (const auto& p : plugins_)
    if (p.manifest.plugin.name == name) return &p;
  return nullptr;
}

const LoadedPlugin* Catalog::plugin_of(const Exercise& exercise) const { return plugin(exercise.topic); }

const Exercise* Catalog::exercise(std::string_view id) const {
  for (const auto& p : plugins_)
    if (const Exercise* e = p.manifest.find(id)) return e;
  return nullptr;
}

std::vector<const Exercise*> Catalog::exercises() const {
  std::vector<const Exercise*> out;
  for (const auto& p : plugins_)
    for (const auto& e : p.manifest.exercises)
      if (exercise(e.id) == &e) out.push_back(&e);
  return out;
}

const Grader* Catalog::grader(const Exercise& exercise) const {
  auto it = graders_.find(exercise.id);
  return it == graders_.end() ? nullptr : it->second.get();
}

fs::path Catalog::starter(const Exercise& exercise, const std::string& ext) const {
  const LoadedPlugin* p = plugin_of(exercise);
  if (!p) return {};
  return (p->manifest.starters_dir() / (exercise.name + ext)).lexically_normal();
}

fs::path Catalog::reference(const Exercise& exercise, const std::string& ext) const {
  const LoadedPlugin* p = plugin_of(exercise);
  if (!p) return {};
  return p->manifest.dir / "solutions" / (exercise.name + ext);
}

std::vector<fs::path> Catalog::known_bad(const Exercise& exercise) const {
  std::vector<fs::path> out;
  const LoadedPlugin* p = plugin_of(exercise);
  if (!p) return out;
  std::error_code ec;
  const std::string prefix = exercise.name + ".";
  for (const auto& entry : fs::directory_iterator(p->manifest.dir / "bad", ec)) {
    const std::string f = entry.path().filename().string();
    // <name>.<tag>.<ext>: the prefix must be followed by a tag and an extension.
    if (f.rfind(prefix, 0) == 0 && f.find('.', prefix.size()) != std::string::npos) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

fs::path Catalog::seed(const Exercise& exercise) const {
  const LoadedPlugin* p = plugin_of(exercise);
  if (!p) return {};
  return p->manifest.dir / "seed" / (exercise.name + ".py");
}

}  // namespace exengine
