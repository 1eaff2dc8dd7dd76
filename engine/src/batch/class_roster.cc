#include "batch/class_roster.h"

#include <sys/stat.h>

#include <algorithm>
#include <map>
#include <stdexcept>
#include <system_error>

#include "batch/archive_extractor.h"
#include "core/text.h"
#include "core/utf8_escape.h"

namespace exengine {
namespace fs = std::filesystem;

ClassRoster scan_class(const fs::path& class_dir, const fs::path& skip) {
  std::error_code ec;
  if (!fs::is_directory(class_dir, ec))
    throw std::runtime_error(class_dir.string() + ": no such folder (expected one folder or archive per student)");
  fs::directory_iterator it(class_dir, ec);
  if (ec) throw std::runtime_error(class_dir.string() + ": cannot read: " + ec.message());

  std::map<std::string, StudentSource> found;
  ClassRoster roster;
  std::vector<std::string> entries;
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) throw std::runtime_error(class_dir.string() + ": cannot read: " + ec.message());
    entries.push_back(it->path().filename().string());
  }
  std::sort(entries.begin(), entries.end());
  std::error_code skip_ec;
  for (const std::string& entry : entries) {
    const fs::path path = class_dir / entry;
    if (entry.empty() || entry[0] == '.') continue;
    if (!skip.empty() && fs::equivalent(path, skip, skip_ec)) continue;
    std::error_code type_ec;
    const auto status = fs::symlink_status(path, type_ec);
    std::string name;
    StudentSource source;
    struct stat st {};
    const bool stat_ok = ::lstat(path.c_str(), &st) == 0;
    if (fs::is_symlink(status)) {
      // Never followed (to /etc, or to a classmate's folder); the student is graded as missing.
      name = is_student_archive(path) ? archive_student_name(path) : entry;
      source.refused = escape_for_terminal(entry) + " is a symbolic link";
    } else if (fs::is_directory(status)) {
      name = entry;
      source.folder = path;
    } else if (fs::is_regular_file(status) && is_student_archive(path)) {
      name = archive_student_name(path);
      source.archive = path;
      if (stat_ok && st.st_nlink > 1)  // it is also another file: someone else's archive
        source.refused = escape_for_terminal(entry) + " has " + std::to_string(st.st_nlink) + " hard links";
    } else {
      roster.problems.push_back(class_dir.string() + "/" + escape_for_terminal(entry) +
                                ": ignored (not a student folder or a .zip/.tar.gz archive)");
      continue;
    }
    source.name = name;
    auto [pos, inserted] = found.emplace(name, source);
    if (!inserted) {
      roster.problems.push_back("student '" + escape_for_terminal(name) +
                                "': both a folder and an archive (or two archives) in " + class_dir.string() +
                                "; left out");
      pos->second.name.clear();  // marks the conflict
    }
  }
  for (auto& [name, source] : found)
    if (!source.name.empty()) roster.students.push_back(std::move(source));
  return roster;
}

std::pair<int, int> parse_shard(const std::string& text) {
  const std::string error = "--shard expects K/N with 1 <= K <= N (e.g. 2/4), not '" + text + "'";
  auto slash = text.find('/');
  if (slash == std::string::npos) throw std::invalid_argument(error);
  try {
    std::size_t used_k = 0, used_n = 0;
    const std::string ks = text.substr(0, slash), ns = text.substr(slash + 1);
    int k = std::stoi(ks, &used_k), n = std::stoi(ns, &used_n);
    if (used_k != ks.size() || used_n != ns.size() || k < 1 || n < 1 || k > n) throw std::invalid_argument(error);
    return {k, n};
  } catch (const std::logic_error&) {
    throw std::invalid_argument(error);
  }
}

}  // namespace exengine
