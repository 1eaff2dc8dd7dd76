// Workspace: maps files laid out as `<topic>/<exercise>.<ext>` to exercises.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "checking/checker.h"

namespace exengine {

class Catalog;

struct WorkspaceScan {
  std::vector<CheckRequest> requests;  // sorted by exercise id, then file name
  std::vector<std::string> ignored;    // files that match no exercise (relative paths)
};

// Every `<topic>/<name>.<ext>` under `root` whose id is an exercise and whose extension names a
// language. Display names are relative to `display_base` when given (e.g. "threads/squares.py").
// Throws std::runtime_error (one line) if `root` cannot be read.
WorkspaceScan scan_workspace(const Catalog& catalog, const std::filesystem::path& root);

// The exercise a single file belongs to, from its last two path components; null if none.
const Exercise* exercise_for_file(const Catalog& catalog, const std::filesystem::path& file);

}  // namespace exengine
