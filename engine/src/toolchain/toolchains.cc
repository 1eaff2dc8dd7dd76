#include "toolchain/toolchains.h"

#include <system_error>

#include "runner/process_runner.h"
#include "toolchain/compile_cache.h"

namespace exengine {
namespace fs = std::filesystem;

namespace {

void add_engine_file(ToolchainConfig& c, const EnginePaths& paths) {
  const fs::path file = default_toolchains_file(paths.data_dir);
  if (!file.empty()) c.add_file(file);
}

void add_command_line(ToolchainConfig& c, const ToolchainOptions& o) {
  if (o.file) c.add_file(*o.file);
  for (const auto& s : o.settings) c.add_setting(s);
}

}  // namespace

Toolchains::Toolchains(const EnginePaths& paths, ProcessRunner& runner, ToolchainOptions options)
    : paths_(paths), runner_(runner), options_(std::move(options)) {}

Toolchains::~Toolchains() = default;

ToolchainConfig Toolchains::engine_config(const EnginePaths& paths, const ToolchainOptions& options) {
  ToolchainConfig c;
  add_engine_file(c, paths);
  add_command_line(c, options);
  return c;
}

Toolchain Toolchains::toolchain(const std::string& language, const fs::path& plugin_dir) const {
  std::shared_ptr<const ToolchainConfig> config;
  {
    std::lock_guard<std::mutex> hold(mutex_);
    auto it = by_plugin_.find(plugin_dir);
    if (it != by_plugin_.end()) config = it->second;
  }
  if (!config) {
    ToolchainConfig c;
    add_engine_file(c, paths_);
    std::error_code ec;
    if (!plugin_dir.empty() && fs::is_regular_file(plugin_dir / "toolchains.toml", ec))
      c.add_file(plugin_dir / "toolchains.toml");
    add_command_line(c, options_);
    config = std::make_shared<const ToolchainConfig>(std::move(c));
    std::lock_guard<std::mutex> hold(mutex_);
    by_plugin_.emplace(plugin_dir, config);
  }
  return config->toolchain(language);
}

BuildResult Toolchains::build_cpp(const Toolchain& toolchain, const fs::path& source, bool race) {
  {
    std::lock_guard<std::mutex> hold(mutex_);
    if (!cache_ && cache_error_.empty()) {
      const fs::path dir =
          fs::absolute(options_.cache_dir.empty() ? CompileCache::default_dir() : options_.cache_dir).lexically_normal();
      // Wherever it lives (under /tmp too): tier A binds the entries a run needs into its root.
      try {
        cache_ = std::make_unique<CompileCache>(dir);
        builder_ = std::make_unique<CppBuilder>(runner_, *cache_);
      } catch (const std::exception& e) {
        cache_error_ = e.what();
      }
    }
  }
  if (!builder_) {
    BuildResult r;
    r.message = cache_error_;
    return r;
  }
  return builder_->build(toolchain, source, race);
}

}  // namespace exengine
