#include "checking/workspace.h"

#include <algorithm>
#include <stdexcept>
#include <system_error>

#include <fmt/format.h>

#include "plugin_host/catalog.h"

namespace exengine {
namespace fs = std::filesystem;

const Exercise* exercise_for_file(const Catalog& catalog, const fs::path& file) {
  fs::path abs = fs::absolute(file).lexically_normal();
  const std::string topic = abs.parent_path().filename().string();
  const std::string name = abs.stem().string();
  if (topic.empty() || name.empty()) return nullptr;
  return catalog.exercise(topic + "/" + name);
}

WorkspaceScan scan_workspace(const Catalog& catalog, const fs::path& root) {
  WorkspaceScan scan;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) throw std::runtime_error(fmt::format("{}: not a folder", root.string()));
  fs::directory_iterator top(root, ec);
  if (ec) throw std::runtime_error(fmt::format("{}: cannot read: {}", root.string(), ec.message()));
  for (const auto& topic_entry : top) {
    if (!topic_entry.is_directory(ec)) continue;
    const std::string topic = topic_entry.path().filename().string();
    fs::directory_iterator files(topic_entry.path(), ec);
    if (ec) throw std::runtime_error(fmt::format("{}: cannot read: {}", topic_entry.path().string(), ec.message()));
    for (const auto& file_entry : files) {
      const fs::path& p = file_entry.path();
      const std::string rel = topic + "/" + p.filename().string();
      if (!file_entry.is_regular_file(ec)) continue;
      const Exercise* ex = catalog.exercise(topic + "/" + p.stem().string());
      const std::string language = language_for_file(p);
      if (!ex || language.empty()) {
        if (p.filename().string().front() != '.') scan.ignored.push_back(rel);
        continue;
      }
      CheckRequest req;
      req.exercise = ex;
      req.file = p;
      req.language = language;
      req.display_name = rel;
      scan.requests.push_back(std::move(req));
    }
  }
  std::sort(scan.requests.begin(), scan.requests.end(), [](const CheckRequest& a, const CheckRequest& b) {
    return a.exercise->id != b.exercise->id ? a.exercise->id < b.exercise->id : a.display_name < b.display_name;
  });
  std::sort(scan.ignored.begin(), scan.ignored.end());
  return scan;
}

}  // namespace exengine
