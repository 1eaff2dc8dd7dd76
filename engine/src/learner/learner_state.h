// LearnerState: what a learner workspace remembers between runs, kept in `<root>/.exengine-state.json`:
// the workspace's language and topics, and per exercise the last verdict, the hash of the file's
// content when it was checked, and how many hints were revealed.
//
// Contract
// - The file is only a cache of what checking the files would say: a missing or corrupt file is
//   rebuilt from the workspace (LearnerWorkspace::open), and an entry whose hash no longer matches
//   the file is re-checked before it is believed.
// - save_state() is safe against concurrent writers (`watch` and `progress` at once): it takes an
//   flock on the workspace folder, merges with what is on disk (for each exercise the more recent
//   check wins; hint counts take the larger), writes a temporary file and renames it over the old
//   one, and leaves the merged state in `state`.
// - Not thread-safe: one LearnerState belongs to one thread.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "exengine/verdict.h"

namespace exengine {

struct ExerciseState {
  std::string file;                // relative to the workspace root: "threads/simple-thread.py"
  std::optional<Verdict> verdict;   // the last check's verdict; nullopt: never checked
  std::string hash;                 // content_hash() of the file when checked (or when created)
  int hints_revealed = 0;
  double checked_at = 0;            // seconds since the epoch; 0: never checked
};

struct LearnerState {
  std::string language = "python";
  std::vector<std::string> topics;  // in lesson order
  std::map<std::string, ExerciseState> exercises;  // by exercise id
};

// A state file that exists but cannot be used. what(): one line naming the file.
class StateError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr const char* kStateFileName = ".exengine-state.json";

std::filesystem::path state_file(const std::filesystem::path& root);

// nullopt when there is no state file; throws StateError when it is unreadable or malformed.
std::optional<LearnerState> load_state(const std::filesystem::path& root);

// See the contract above. Throws StateError when the file cannot be written.
void save_state(const std::filesystem::path& root, LearnerState& state);

// Seconds since the epoch, for ExerciseState::checked_at.
double now_seconds();

}  // namespace exengine
