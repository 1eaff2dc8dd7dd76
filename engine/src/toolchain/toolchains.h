// Toolchains: what the checker asks about languages: the toolchain in effect for an exercise (the
// layers of toolchain_config.h, with the exercise's plugin's own toolchains.toml) and the compile
// step of compiled languages (CppBuilder over the CompileCache).
//
// Thread-safe: one object serves every check of a Checker, from several threads. Configs are
// resolved once per plugin folder; the compile cache is opened on first use.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/paths.h"
#include "toolchain/cpp_builder.h"
#include "toolchain/toolchain_config.h"

namespace exengine {

class CompileCache;
class ProcessRunner;

struct ToolchainOptions {
  std::optional<std::filesystem::path> file;  // --toolchains FILE
  std::vector<std::string> settings;          // --toolchain LANGUAGE.KEY=VALUE, in order
  std::filesystem::path cache_dir;            // empty: CompileCache::default_dir()
};

class Toolchains {
 public:
  Toolchains(const EnginePaths& paths, ProcessRunner& runner, ToolchainOptions options);
  ~Toolchains();

  // The toolchain of `language` for an exercise whose plugin lives in `plugin_dir` (may be empty).
  // Throws ToolchainError (a broken toolchains file, an unknown language).
  Toolchain toolchain(const std::string& language, const std::filesystem::path& plugin_dir) const;

  // Compiles a C++ submission (see CppBuilder::build). A compile cache that cannot be created is
  // an internal_error result, not an exception.
  BuildResult build_cpp(const Toolchain& toolchain, const std::filesystem::path& source, bool race);

  // The engine's layers alone (no plugin): for the command line to report a bad --toolchains FILE
  // or --toolchain setting before anything runs. Throws ToolchainError.
  static ToolchainConfig engine_config(const EnginePaths& paths, const ToolchainOptions& options);

 private:
  EnginePaths paths_;
  ProcessRunner& runner_;
  ToolchainOptions options_;
  mutable std::mutex mutex_;
  mutable std::map<std::filesystem::path, std::shared_ptr<const ToolchainConfig>> by_plugin_;
  std::unique_ptr<CompileCache> cache_;
  std::unique_ptr<CppBuilder> builder_;
  std::string cache_error_;
};

}  // namespace exengine
