#include "core/paths.h"

#include <cstdlib>
#include <fstream>
#include <string>
#include <system_error>

namespace exengine {
namespace fs = std::filesystem;

fs::path self_exe() {
  std::error_code ec;
  fs::path p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : p;
}

std::string display_path(const fs::path& p) {
  std::error_code ec;
  fs::path rel = fs::relative(p, fs::current_path(ec), ec);
  if (!ec && !rel.empty() && rel.native().rfind("..", 0) != 0) return rel.string();
  return p.string();
}

namespace {

void add_unique(std::vector<fs::path>& list, const fs::path& p) {
  for (const auto& q : list)
    if (q == p) return;
  list.push_back(p);
}

}  // namespace

EnginePaths discover_paths(const std::vector<fs::path>& extra, bool only_extra) {
  EnginePaths paths;
  paths.exe = self_exe();
  for (const auto& p : extra) add_unique(paths.plugin_dirs, fs::absolute(p).lexically_normal());
  const char* env = only_extra ? nullptr : std::getenv("EXENGINE_PLUGIN_PATH");
  if (env) {
    std::string s = env;
    std::size_t start = 0;
    while (start <= s.size()) {
      std::size_t end = s.find(':', start);
      if (end == std::string::npos) end = s.size();
      if (end > start) add_unique(paths.plugin_dirs, fs::absolute(s.substr(start, end - start)).lexically_normal());
      start = end + 1;
    }
  }
  fs::path exe_dir = paths.exe.parent_path();
  std::ifstream marker(exe_dir / "exengine-build.txt");
  if (marker) {
    std::string line;
    while (std::getline(marker, line)) {
      auto eq = line.find('=');
      if (eq == std::string::npos) continue;
      std::string key = line.substr(0, eq), value = line.substr(eq + 1);
      if (key == "source_root") paths.data_dir = value;
      if (key == "build_root") paths.build_root = value;
    }
    paths.from_build_tree = !paths.data_dir.empty();
  }
  if (paths.from_build_tree) {
    if (!only_extra) add_unique(paths.plugin_dirs, paths.data_dir / "plugins");
    if (!paths.build_root.empty()) add_unique(paths.library_dirs, paths.build_root / "plugins");
  } else {
    paths.data_dir = (exe_dir / ".." / "share" / "exengine").lexically_normal();
    if (!only_extra) add_unique(paths.plugin_dirs, paths.data_dir / "plugins");
  }
  return paths;
}

}  // namespace exengine
