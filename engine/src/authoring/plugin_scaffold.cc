#include "authoring/plugin_scaffold.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>

#include <fmt/format.h>

#include "exengine/abi.h"

namespace exengine {
namespace fs = std::filesystem;

namespace {

std::string substitute(std::string text, const std::string& name) {
  const std::pair<std::string, std::string> vars[] = {{"{{name}}", name},
                                                      {"{{abi}}", std::to_string(kAbiVersion)}};
  for (const auto& [key, value] : vars)
    for (std::size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size()))
      text.replace(at, key.size(), value);
  return text;
}

fs::path output_name(const fs::path& rel, const std::string& name) {
  std::string s = substitute(rel.generic_string(), name);
  if (s.size() > 3 && s.compare(s.size() - 3, 3, ".in") == 0) s.resize(s.size() - 3);
  return fs::path(s);
}

}  // namespace

std::string plugin_name_problem(std::string_view name) {
  if (name.empty()) return "a plugin name cannot be empty";
  if (name.front() < 'a' || name.front() > 'z')
    return fmt::format("plugin name '{}' must start with a lower-case letter (a-z)", name);
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
      return fmt::format("plugin name '{}' may hold only a-z, 0-9 and '-' (e.g. my-lesson)", name);
  return {};
}

fs::path plugin_template_dir(const EnginePaths& paths) {
  std::error_code ec;
  for (const fs::path& c : {paths.data_dir / "templates" / "plugin", paths.data_dir / "engine" / "templates" / "plugin"})
    if (!paths.data_dir.empty() && fs::is_regular_file(c / "plugin.toml.in", ec)) return c;
  return {};
}

ScaffoldResult scaffold_plugin(const std::string& name, const fs::path& parent, const fs::path& templates) {
  ScaffoldResult result;
  if (std::string why = plugin_name_problem(name); !why.empty()) {
    result.error = why;
    return result;
  }
  std::error_code ec;
  if (templates.empty() || !fs::is_directory(templates, ec)) {
    result.error = fmt::format("the plugin template folder is missing{} (reinstall exengine)",
                               templates.empty() ? "" : ": " + templates.string());
    return result;
  }
  result.dir = parent / name;
  if (fs::exists(result.dir, ec) || fs::is_symlink(result.dir, ec)) {
    result.error = fmt::format("{} already exists; nothing was written (choose another name or --dir)",
                               result.dir.string());
    return result;
  }
  // Read every template first, so a broken template folder writes nothing.
  std::vector<std::pair<fs::path, std::string>> files;
  for (auto it = fs::recursive_directory_iterator(templates, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) {
      result.error = fmt::format("cannot read template {} (reinstall exengine)", it->path().string());
      return result;
    }
    files.emplace_back(output_name(it->path().lexically_relative(templates), name), substitute(text.str(), name));
  }
  if (ec || files.empty()) {
    result.error = fmt::format("cannot read the plugin template folder {}{} (reinstall exengine)", templates.string(),
                               ec ? ": " + ec.message() : "");
    return result;
  }
  std::sort(files.begin(), files.end());
  if (!fs::create_directories(result.dir, ec) || ec) {
    result.error = fmt::format("cannot create {}: {}", result.dir.string(),
                               ec ? ec.message() : "it appeared meanwhile; nothing was written");
    return result;
  }
  for (const auto& [rel, text] : files) {
    const fs::path out_path = result.dir / rel;
    fs::create_directories(out_path.parent_path(), ec);
    std::ofstream out(out_path, std::ios::binary);
    out << text;
    out.close();
    if (!out) {
      result.error = fmt::format("cannot write {}", out_path.string());
      return result;
    }
    result.files.push_back(rel);
  }
  return result;
}

}  // namespace exengine
