// exengine plugin new NAME [--dir DIR] | plugin check DIR: for instructors writing a lesson.
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/check_options.h"
#include "cli/command.h"
#include "core/paths.h"
#include "core/text.h"
#include "authoring/plugin_check.h"
#include "authoring/plugin_scaffold.h"

namespace exengine {
namespace fs = std::filesystem;

namespace {

void add_new(CLI::App& plugin, CliContext& ctx) {
  auto* cmd = plugin.add_subcommand("new", "Scaffold a plugin folder: manifest, custom grader, solutions, build files");
  // Per call of run_cli (the callback owns them), so the CLI can run twice in one process.
  struct Args {
    std::string name;
    std::string parent = ".";
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("name", args->name, "Plugin name: [a-z][a-z0-9-]*, e.g. my-lesson")->required();
  cmd->add_option("--dir", args->parent, "Create the plugin folder inside DIR (default: .)")->type_name("DIR");
  cmd->callback([&ctx, args] {
    std::string& name = args->name;
    std::string& parent = args->parent;
    const EnginePaths paths = discover_paths({}, true);
    ScaffoldResult made = scaffold_plugin(name, parent, plugin_template_dir(paths));
    if (!made.error.empty()) return ctx.error(made.error);
    const std::string dir = made.dir.lexically_normal().string();
    std::cout << fmt::format("created {}/ (plugin '{}', exercise '{}/workers' with the custom grader 'all-workers'):\n",
                             dir, name, name);
    for (const fs::path& f : made.files) std::cout << "  " << f.string() << "\n";
    std::string prefix_hint;
    if (!paths.from_build_tree) {
      const fs::path prefix = (paths.data_dir / ".." / "..").lexically_normal();
      prefix_hint = fmt::format("  (if CMake or pkg-config cannot find exengine: -DCMAKE_PREFIX_PATH={0}, or "
                                "PKG_CONFIG_PATH={0}/share/pkgconfig)\n",
                                prefix.string());
    }
    std::cout << fmt::format(
        "next:\n"
        "  cmake -S {0} -B {0}/build && cmake --build {0}/build       (or: meson setup {0}/builddir {0} && ninja -C {0}/builddir)\n"
        "{1}"
        "  exengine plugin check {0}\n",
        dir, prefix_hint);
  });
}

void add_check(CLI::App& plugin, CliContext& ctx) {
  auto* cmd = plugin.add_subcommand(
      "check", "Validate a plugin as CI would: manifest, library and ABI, graders, files, references, known-bad");
  // Per call of run_cli (the callback owns them), so the CLI can run twice in one process.
  struct Args {
    std::string dir;
    RunOptions run;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("dir", args->dir, "The plugin folder (holding plugin.toml)")->required();
  add_run_options(*cmd, args->run);
  cmd->callback([&ctx, args] {
    std::string& dir = args->dir;
    RunOptions& run = args->run;
    PluginCheckOptions options;
    options.overrides = run.overrides;
    options.jobs = run.effective_jobs();
    const PluginCheckReport report = check_plugin(dir, discover_paths(ctx.plugin_dirs, ctx.no_default_plugins), ctx.runner(), options);
    const bool color = ctx.use_color();
    std::size_t width = 8;
    for (const auto& line : report.lines) width = std::max(width, line.check.size());
    std::cout << fmt::format("plugin check: {}\n", escape_for_terminal(report.dir.string()));
    for (const auto& line : report.lines) {
      std::string mark = line.status == PluginCheckStatus::ok ? "ok" : line.status == PluginCheckStatus::fail ? "FAIL" : "--";
      const std::size_t pad = 4 - mark.size();
      if (color && line.status != PluginCheckStatus::skipped)
        mark = fmt::format("\x1b[{}m{}\x1b[0m", line.status == PluginCheckStatus::ok ? "32" : "31", mark);
      std::cout << fmt::format("{}{}  {:<{}}  {}\n", mark, std::string(pad, ' '), line.check, width,
                               escape_for_terminal(line.detail));
    }
    const std::size_t failed = report.count(PluginCheckStatus::fail);
    const std::size_t skipped = report.count(PluginCheckStatus::skipped);
    std::cout << fmt::format("plugin check: {}: {} of {} checks ok{}{}\n", report.plugin,
                             report.count(PluginCheckStatus::ok), report.lines.size() - skipped,
                             failed ? fmt::format(", {} FAILED", failed) : "",
                             skipped ? fmt::format(" ({} not checked)", skipped) : "");
    ctx.exit_code = report.ok() ? 0 : 1;
  });
}

}  // namespace

void add_plugin_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("plugin", "For instructors: scaffold a new plugin, or check one as CI would");
  cmd->require_subcommand(1);
  add_new(*cmd, ctx);
  add_check(*cmd, ctx);
}

}  // namespace exengine
