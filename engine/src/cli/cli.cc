#include "cli/cli.h"

#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/command.h"
#include "core/paths.h"
#include "exengine/abi.h"
#include "plugin_host/catalog.h"
#include "runner/process_runner.h"

namespace exengine {

void add_list_command(CLI::App& app, CliContext& ctx);
void add_show_command(CLI::App& app, CliContext& ctx);
void add_check_command(CLI::App& app, CliContext& ctx);
void add_demo_command(CLI::App& app, CliContext& ctx);
void add_judge_command(CLI::App& app, CliContext& ctx);
void add_selftest_command(CLI::App& app, CliContext& ctx);
void add_grade_command(CLI::App& app, CliContext& ctx);
void add_merge_command(CLI::App& app, CliContext& ctx);
void add_plugin_command(CLI::App& app, CliContext& ctx);
void add_init_command(CLI::App& app, CliContext& ctx);
void add_watch_command(CLI::App& app, CliContext& ctx);
void add_hint_command(CLI::App& app, CliContext& ctx);
void add_progress_command(CLI::App& app, CliContext& ctx);

namespace {

// The command table: every subcommand, in the order `exengine --help` lists them.
constexpr AddCommandFn kCommands[] = {
    add_list_command,  add_show_command,  add_check_command,
    add_demo_command,  add_judge_command, add_selftest_command,
    add_grade_command, add_merge_command, add_init_command,
    add_watch_command, add_hint_command,  add_progress_command,
    add_plugin_command,
};

}  // namespace

CliContext::CliContext() = default;
CliContext::~CliContext() = default;

const Catalog& CliContext::catalog() {
  if (!catalog_) {
    catalog_ = std::make_unique<Catalog>();
    catalog_->load(discover_paths(plugin_dirs, no_default_plugins));
    for (const auto& problem : catalog_->problems()) warn(problem.message);
  }
  return *catalog_;
}

ProcessRunner& CliContext::runner() {
  if (!runner_) {
    runner_ = make_process_runner(tier);
    if (std::string w = runner_->warning(); !w.empty() && !quiet) warn(w);
  }
  return *runner_;
}

bool CliContext::use_color() const {
  if (color == "always") return true;
  if (color == "never") return false;
  return isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr;
}

void CliContext::warn(const std::string& line) const { std::cerr << "exengine: warning: " << line << "\n"; }

void CliContext::error(const std::string& line) {
  std::cerr << "exengine: error: " << line << "\n";
  exit_code = 2;
}

const Exercise* CliContext::exercise_or_error(const std::string& id) {
  const Exercise* ex = catalog().exercise(id);
  if (!ex) error(fmt::format("unknown exercise '{}' (see exengine list)", id));
  return ex;
}

int run_cli(int argc, char** argv) {
  signal(SIGPIPE, SIG_IGN);  // a reader that goes away must not kill the engine
  CliContext ctx;
  CLI::App app{"exengine: graded concurrency exercises", "exengine"};
  app.require_subcommand(1);
  app.fallthrough();
  app.set_version_flag("--version", "exengine 0.1.0 (plugin ABI " + std::to_string(kAbiVersion) + ")");
  app.add_option("--plugins", ctx.plugin_dirs, "Also load plugins from this folder (repeatable)")
      ->type_name("DIR");
  app.add_flag("--no-default-plugins", ctx.no_default_plugins,
               "Load only the --plugins folders (not EXENGINE_PLUGIN_PATH, the build tree or the install prefix)");
  app.add_option("--color", ctx.color, "Colour: auto (on a terminal), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_option("--tier", ctx.tier, "Sandbox tier: auto, A (namespaces and cgroups), B (rlimits only)")
      ->check(CLI::IsMember({"auto", "A", "B"}));
  for (AddCommandFn add : kCommands) add(app, ctx);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);
    std::cerr << "exengine: error: " << e.what() << " (see exengine --help)\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "exengine: internal error: " << e.what() << "\n";
    return 2;
  }
  std::cout.flush();
  return ctx.exit_code;
}

}  // namespace exengine
