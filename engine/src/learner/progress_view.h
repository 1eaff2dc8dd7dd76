// The progress text of a workspace, for `exengine progress` and the watch screen's list: one bar
// per topic (`threads  ███████░░░   7/11`), optionally every exercise with its status under it,
// and a total line.
#pragma once

#include <cstddef>
#include <string>

namespace exengine {

class LearnerWorkspace;
struct WorkspaceItem;

struct ProgressViewOptions {
  bool exercises = true;                  // list every exercise under its topic's bar
  bool color = false;
  const WorkspaceItem* current = nullptr;  // marked with "▶" (watch)
};

// `width` cells of "█" for the done part and "░" for the rest.
std::string progress_bar(std::size_t done, std::size_t total, std::size_t width = 10);

std::string render_progress(const LearnerWorkspace& workspace, const ProgressViewOptions& options);

}  // namespace exengine
