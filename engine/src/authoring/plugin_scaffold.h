// PluginScaffold: `exengine plugin new NAME`: a new plugin folder made from the template folder
// (engine/templates/plugin in the sources, <prefix>/share/exengine/templates/plugin installed).
//
// Contract
// - Template files are copied with their folder structure. In names and contents, `{{name}}` becomes
//   the plugin name and `{{abi}}` the engine's EXENGINE_ABI_VERSION; a trailing `.in` is dropped
//   from every file name (so no template is mistaken for a real plugin.toml or CMakeLists.txt).
// - An existing destination is never touched: scaffold_plugin() fails before writing anything.
// - Errors are one line, naming the input and the fix; nothing throws.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/paths.h"

namespace exengine {

struct ScaffoldResult {
  std::filesystem::path dir;                // the new plugin folder
  std::vector<std::filesystem::path> files; // relative to dir, sorted
  std::string error;                        // non-empty: nothing (or, on a write error, part) was made
};

// "" when `name` is a valid plugin name ([a-z][a-z0-9-]*), else why not.
std::string plugin_name_problem(std::string_view name);

// The plugin template folder for this engine (installed or build tree), or empty when missing.
std::filesystem::path plugin_template_dir(const EnginePaths& paths);

// Creates <parent>/<name> from `templates`.
ScaffoldResult scaffold_plugin(const std::string& name, const std::filesystem::path& parent,
                               const std::filesystem::path& templates);

}  // namespace exengine
