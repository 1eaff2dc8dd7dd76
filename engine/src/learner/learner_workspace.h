// LearnerWorkspace: a learner's folder made by `exengine init`: `<topic>/<exercise>.<ext>` files in
// lesson order, plus the state file (learner/learner_state.h). Tells each exercise's status from
// the file as it is now, so what it reports stays right across restarts and edits made elsewhere.
//
// Contract
// - open() never fails for a missing or corrupt state file: it rebuilds one from the folders and
//   files present (language from the files' extensions, topics from the topic folders) and says
//   so in note(). Files that match no exercise are ignored.
// - The Catalog must outlive the workspace. Not thread-safe: use it from one thread (the watch
//   screen's); checks running elsewhere hand their results back to that thread.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/result.h"
#include "checking/checker.h"
#include "learner/learner_state.h"

namespace exengine {

class Catalog;
struct Exercise;

// A workspace cannot be found or opened. what(): one line.
class WorkspaceError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class ItemStatus {
  no_file,      // the file is not there (deleted, or no starter to copy)
  not_started,  // the file is still the starter, byte for byte (whatever its last check said)
  unchecked,    // changed since its last check (or never checked): must be checked to know
  passed,
  failed,       // its last check failed; ExerciseState::verdict says how
};

struct WorkspaceItem {
  const Exercise* exercise = nullptr;
  std::string rel;  // "threads/simple-thread.py"
};

// The topics of `catalog` in lesson order: the day's lesson (threads, locks, pools, queues,
// daemons), then any other topic by name.
std::vector<std::string> lesson_topics(const Catalog& catalog);

// The state a workspace without a usable state file gets: its topics from the topic folders
// present, its language from the exercise files' extensions (python when there are none), nothing
// checked yet.
LearnerState infer_state(const Catalog& catalog, const std::filesystem::path& root);

// ".py" for python, ".cpp" for cpp.
std::string extension_for(const std::string& language);

class LearnerWorkspace {
 public:
  // The workspace holding `start`: the nearest folder upwards with a state file; else `start`
  // itself when it holds a topic folder (and is not inside the engine's own data folder, whose
  // plugins/ and exercises/ hold topic folders too). Throws WorkspaceError when there is none.
  static std::filesystem::path find_root(const Catalog& catalog, const std::filesystem::path& start);

  // Opens (and, when needed, rebuilds and saves) the workspace at `root`. Throws WorkspaceError
  // when `root` is not a folder or holds nothing of a known topic.
  LearnerWorkspace(const Catalog& catalog, const std::filesystem::path& root);

  const std::filesystem::path& root() const { return root_; }
  const Catalog& catalog() const { return catalog_; }
  const std::string& note() const { return note_; }  // empty, or what open() had to rebuild
  const LearnerState& state() const { return state_; }
  const std::string& language() const { return state_.language; }

  // The workspace's exercises in lesson order: those of its topics in its language whose file is
  // there or whose starter exists.
  const std::vector<WorkspaceItem>& items() const { return items_; }
  const WorkspaceItem* item(const std::string& id) const;
  // The item a path names (absolute, or relative to the root); null for any other file.
  const WorkspaceItem* item_for_path(const std::filesystem::path& path) const;
  std::filesystem::path path_of(const WorkspaceItem& item) const { return root_ / item.rel; }
  // What Checker::check needs to grade the item's file.
  CheckRequest request(const WorkspaceItem& item) const;

  ItemStatus status(const WorkspaceItem& item) const;
  // The recorded verdict of the last check (nullopt when never checked).
  std::optional<Verdict> last_verdict(const WorkspaceItem& item) const;
  // The first item, in lesson order from `from` on (wrapping around), that is not passed and has
  // a file; null when every such item passed.
  const WorkspaceItem* next_unfinished(std::size_t from = 0) const;
  std::size_t index_of(const WorkspaceItem& item) const;

  // Records a check of the file whose content hashed to `hash` (taken before the check started).
  void record(const WorkspaceItem& item, const ExerciseResult& result, const std::string& hash);
  // Hints revealed so far for an exercise; reveal_hint() raises the count (up to the exercise's).
  int hints_revealed(const Exercise& exercise) const;
  void reveal_hint(const Exercise& exercise);
  // Writes the state file (merging with other processes' checks). Throws StateError.
  void save();
  // Re-reads the items after files or topics were added.
  void refresh_items();

 private:
  std::optional<std::string> starter_hash(const WorkspaceItem& item) const;

  const Catalog& catalog_;
  std::filesystem::path root_;
  LearnerState state_;
  std::string note_;
  std::vector<WorkspaceItem> items_;
  mutable std::map<std::string, std::optional<std::string>> starter_hashes_;  // by exercise id
};

}  // namespace exengine
