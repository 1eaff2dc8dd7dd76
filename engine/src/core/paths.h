// EnginePaths: where the engine finds plugins, plugin libraries, starters and its own data.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace exengine {

struct EnginePaths {
  std::filesystem::path exe;            // this executable (absolute)
  std::filesystem::path data_dir;       // installed: <prefix>/share/exengine; build: the source root
  std::filesystem::path build_root;     // empty unless running from a build tree
  std::vector<std::filesystem::path> plugin_dirs;   // folders holding <topic>/plugin.toml
  std::vector<std::filesystem::path> library_dirs;  // extra folders searched for lib<name>.so
  bool from_build_tree = false;
};

// Discovery order for plugins: `extra` (from --plugins, in order), EXENGINE_PLUGIN_PATH
// (colon-separated), then the build tree's plugins (when this binary sits in a build tree, found
// through the exengine-build.txt beside it) or else the install prefix's share/exengine/plugins.
// With `only_extra`, the other sources are skipped (`--no-default-plugins`), though the build
// tree's library folder is still searched.
EnginePaths discover_paths(const std::vector<std::filesystem::path>& extra = {}, bool only_extra = false);

// How a path is named in messages: relative to the working directory when it lies below it,
// else as given.
std::string display_path(const std::filesystem::path& p);

// The absolute path of the running executable (/proc/self/exe).
std::filesystem::path self_exe();

}  // namespace exengine
