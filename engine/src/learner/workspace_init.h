// init_workspace: creates or completes a learner workspace (`exengine init`): the starter files as
// `<topic>/<exercise>.<ext>`, a README.md on how to work in it, and the state file.
//
// Contract
// - Never overwrites a file that exists: re-running adds only what is missing (files, topics, the
//   README, state entries).
// - An exercise without a starter in the workspace's language (e.g. no C++ starter yet) is skipped
//   and listed in InitReport::skipped.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace exengine {

class Catalog;

struct InitOptions {
  std::filesystem::path root;
  std::optional<std::string> language;  // python or cpp; default: the workspace's, else python
  std::vector<std::string> topics;      // default: the workspace's, else every topic
};

struct InitReport {
  std::filesystem::path root;           // absolute
  std::string language;
  std::vector<std::string> topics;      // of the workspace, in lesson order
  std::vector<std::string> created;     // relative paths of files written now
  std::vector<std::string> kept;        // relative paths that were already there
  std::vector<std::string> skipped;     // exercise ids without a starter in the language
  std::string first_file;               // the first exercise file in lesson order ("" if none)
  bool readme_created = false;
};

// Throws WorkspaceError (learner/learner_workspace.h) for an unknown topic or language, a
// language that differs from the existing workspace's, or a folder that cannot be written.
InitReport init_workspace(const Catalog& catalog, const InitOptions& options);

// The README.md put into a new workspace.
std::string workspace_readme(const std::string& language, const std::string& first_file);

}  // namespace exengine
