// ToolchainConfig: the toolchains in effect, built from layers of TOML, each overriding the keys it
// sets (a key it does not set keeps the value beneath):
//
//   1. the built-in defaults (default_toolchain)
//   2. the engine's file: <data_dir>/engine/toolchains.toml in a build tree,
//      <prefix>/share/exengine/toolchains.toml installed
//   3. a plugin's own toolchains.toml, beside its plugin.toml
//   4. --toolchains FILE
//   5. --toolchain LANGUAGE.KEY=VALUE (repeatable), e.g. cpp.compiler=clang++
//
// Format (every key optional; unknown tables and keys are errors):
//
//   [python]
//   interpreter = ""                  # empty: $EXENGINE_PYTHON or the first real python3 on PATH
//   sandbox_paths = ["/usr", ...]     # (both languages) host paths a tier A run sees read-only
//   [cpp]
//   compiler = "g++"                  # or "clang++", or an absolute path
//   flags = ["-std=c++20", "-pthread", "-O2"]
//   race_flags = ["-fsanitize=thread", "-g", "-O1"]
//   race_options = "halt_on_error=1 exitcode=66 second_deadlock_stack=1"
//   precompiled_headers = ["thread", "mutex", "iostream"]   # [] turns the PCH off
//   [cpp.compile_limits]
//   wall = 30                         # seconds
//   memory_mb = 1024
//   output_kb = 64
//   file_size_kb = 262144
//   processes = 32
//
// A ToolchainConfig is a value: copy it to branch (the registry copies the engine's layers and adds
// a plugin's). Not thread-safe to modify; const use from several threads is safe.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "toolchain/toolchain.h"

namespace exengine {

class ToolchainConfig {
 public:
  ToolchainConfig();  // the built-in defaults

  // Each adds a layer on top of the others. Throw ToolchainError (one line, with the position) on a
  // syntax error, an unknown table or key, a wrong type or a bad value; the config is then
  // unchanged.
  void add_file(const std::filesystem::path& file, const std::string& display = {});
  void add_text(std::string_view text, const std::string& display);
  // "LANGUAGE.KEY=VALUE": VALUE is TOML (["-O1"], false, 30) or else taken as a plain string.
  void add_setting(const std::string& setting);

  // Throws ToolchainError "no toolchain 'rust' (known: cpp, python)".
  const Toolchain& toolchain(std::string_view language) const;
  std::vector<std::string> languages() const;

 private:
  std::map<std::string, Toolchain, std::less<>> toolchains_;
};

// The engine's own toolchains.toml (layer 2), or empty when there is none.
std::filesystem::path default_toolchains_file(const std::filesystem::path& data_dir);

}  // namespace exengine
