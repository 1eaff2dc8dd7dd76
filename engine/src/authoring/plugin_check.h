// PluginCheck: `exengine plugin check DIR`: validates one plugin folder as CI would, and collects
// every problem into one report instead of stopping at the first.
//
// Checks, in order: the manifest parses; its `abi` is this engine's; the library (if any) is
// found, loads, exports the entry point with this ABI, names itself as the manifest does, and
// registers its graders; per exercise: its grader exists and accepts its options; per language it
// declares: a starter, a reference and at least one known-bad solution exist; no file in
// solutions/ or bad/ belongs to no exercise; the references and the seed's code pass; every
// known-bad solution fails, with the verdict and message it declares (selftest_plan.h).
//
// Contract
// - The plugin is loaded into a private Catalog (Catalog::load_plugin), never mixed with the
//   installed plugins, so a plugin can be checked before it is installed, or while an older copy is.
//   Only the plugins its grader references name ("threads:quiz") are loaded with it, first, from
//   paths.plugin_dirs.
// - Problems are lines of the report, never exceptions; each FAIL detail is one line naming the
//   plugin or file, the problem and the fix.
// - Runs use `runner` from up to `jobs` threads.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/paths.h"
#include "checking/checker.h"

namespace exengine {

class ProcessRunner;

enum class PluginCheckStatus { ok, fail, skipped };

struct PluginCheckLine {
  PluginCheckStatus status = PluginCheckStatus::ok;
  std::string check;   // "manifest", "abi", "library", "grader", "files", "reference", "seed", "known-bad"
  std::string detail;  // one line
};

struct PluginCheckReport {
  std::filesystem::path dir;
  std::string plugin;  // the manifest's name, or the folder's when the manifest did not parse
  std::vector<PluginCheckLine> lines;
  std::size_t count(PluginCheckStatus status) const;
  bool ok() const { return count(PluginCheckStatus::fail) == 0; }
};

struct PluginCheckOptions {
  CheckOverrides overrides;
  unsigned jobs = 1;
};

PluginCheckReport check_plugin(const std::filesystem::path& dir, const EnginePaths& paths, ProcessRunner& runner,
                               const PluginCheckOptions& options);

}  // namespace exengine
