// reset_exercise: `exengine reset ID`: puts an exercise's starter back in a learner workspace and
// keeps the learner's file beside it as `<topic>/<exercise>.<ext>.before-reset-<n>`.
//
// Contract
// - Nothing is lost: the learner's bytes are copied to a new backup (created exclusively: an
//   earlier backup is never overwritten; <n> counts up from 1) before the starter replaces the
//   file, and the starter is written to a temporary file renamed over the old one.
// - Refuses, with one line (WorkspaceError) and nothing written, an exercise that is not in the
//   workspace, and a file modified in the last second (an editor may hold unsaved changes).
// - A file that is already the starter is left alone (no backup); a missing file gets the starter.
#pragma once

#include <filesystem>
#include <string>

namespace exengine {

class Catalog;
class LearnerWorkspace;
struct Exercise;

struct ResetReport {
  enum Kind { restored, already_starter, was_missing } kind = restored;
  std::string rel;         // "threads/simple-thread.py"
  std::string backup_rel;  // "threads/simple-thread.py.before-reset-1" (restored only)
};

// A file modified less than this long ago (seconds) is not reset.
inline constexpr double kResetQuietSeconds = 1.0;

// Throws WorkspaceError (learner/learner_workspace.h) as the contract says, or when a file cannot
// be read or written.
ResetReport reset_exercise(const Catalog& catalog, const LearnerWorkspace& workspace, const Exercise& exercise);

}  // namespace exengine
