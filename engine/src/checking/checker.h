// Checker: grades one submission file for one exercise: prepares the run (toolchain, probes,
// stress), runs it (trials), turns the run into a verdict, consults the grader and the behaviour
// requirements, and returns an ExerciseResult. Thread-safe: the batch grader calls check() from
// several threads at once.
#pragma once

#include <cstdint>
#include <atomic>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "manifest/manifest.h"
#include "core/limits.h"

namespace exengine {

class Catalog;
class ProcessRunner;
class Toolchains;

// Command-line overrides that apply to every exercise checked.
struct CheckOverrides {
  std::optional<int> trials;
  std::optional<bool> stress;
  std::optional<bool> race;
  std::optional<std::uint64_t> seed;  // replay a stressed run
  LimitOverrides limits;
  // Toolchains (see toolchain/toolchain_config.h): --toolchains FILE and --toolchain KEY=VALUE.
  std::optional<std::filesystem::path> toolchains_file;
  std::vector<std::string> toolchain_settings;
  std::filesystem::path cache_dir;  // compile cache; empty: $EXENGINE_CACHE_DIR or the default
};

struct CheckRequest {
  const Exercise* exercise = nullptr;
  std::filesystem::path file;    // the submission; may not exist (verdict: missing)
  std::string language;          // empty: from the file's extension
  std::string display_name;      // how to name the file in results (default: file as given)
  std::string student;           // batch grading only
  // When set and it turns true, the run in progress is killed and check() returns at once with
  // internal-error "cancelled" (RunSpec::cancel); `watch` sets it when a newer save arrives.
  const std::atomic<bool>* cancel = nullptr;
};

class Checker {
 public:
  Checker(const Catalog& catalog, ProcessRunner& runner, CheckOverrides overrides = {});
  ExerciseResult check(const CheckRequest& request) const;
  // Grades a captured output without running anything (`exengine judge`).
  ExerciseResult judge(const Exercise& exercise, const std::string& output) const;

 private:
  const Catalog& catalog_;
  ProcessRunner& runner_;
  CheckOverrides overrides_;
  std::shared_ptr<Toolchains> toolchains_;  // thread-safe; shared by every check
};

// Grades a captured output without running anything (`exengine judge`). Thread-safe.
ExerciseResult judge_output(const Catalog& catalog, const Exercise& exercise, const std::string& output);

// "python" for .py, "cpp" for .cpp/.cc/.cxx; empty when unknown.
std::string language_for_file(const std::filesystem::path& file);

}  // namespace exengine
