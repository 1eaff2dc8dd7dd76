// ClassRoster: the students of a class folder. Each entry of CLASS_DIR is one student: a folder
// `<student>/` laid out like a workspace (`<topic>/<exercise>.<ext>`), or an archive
// `<student>.zip` / `.tar.gz` / `.tgz` / `.tar` holding that layout.
//
// Contract
// - Students are sorted by name (byte order); sharding and every report use that order.
// - Hidden entries (starting with '.') and `skip` (the batch's own output folder, when it lies
//   inside CLASS_DIR) are ignored silently; other plain files, and a student who has both a folder
//   and an archive, are reported in `problems` (one line each) and left out. A symbolic link (to a
//   folder or an archive) is never followed, and an archive with more than one hard link never
//   read: such a student is listed with `refused` set (graded `missing` by the batch grader).
// - Names in messages are escaped for a terminal (escape_for_terminal).
// - scan_class throws std::runtime_error (one line naming the folder) when CLASS_DIR cannot be read.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace exengine {

struct StudentSource {
  std::string name;
  std::filesystem::path folder;   // set for a folder student
  std::filesystem::path archive;  // set for an archive student
  // Set when the entry is not read at all: a symbolic link (folder or archive), or an archive with
  // more than one hard link. A predicate after the entry's name: "bob is a symbolic link".
  std::string refused;
};

struct ClassRoster {
  std::vector<StudentSource> students;
  std::vector<std::string> problems;
};

ClassRoster scan_class(const std::filesystem::path& class_dir, const std::filesystem::path& skip = {});

// Parses --shard "K/N" (1 <= K <= N). Throws std::invalid_argument with a one-line message:
// `--shard expects K/N with 1 <= K <= N (e.g. 2/4), not 'x'`.
std::pair<int, int> parse_shard(const std::string& text);
// Whether the student at `index` (0-based, in roster order) belongs to shard K of N.
inline bool in_shard(std::size_t index, int k, int n) { return static_cast<int>(index % n) == k - 1; }

}  // namespace exengine
