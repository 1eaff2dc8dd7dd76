#include "cli/cli.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/command.h"
#include "core/paths.h"
#include "core/text.h"
#include "core/version.h"
#include "exengine/abi.h"
#include "core/suggest.h"
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
void add_reset_command(CLI::App& app, CliContext& ctx);
void add_solution_command(CLI::App& app, CliContext& ctx);

namespace {

// The command table: every subcommand, in the order `exengine --help` lists them.
constexpr AddCommandFn kCommands[] = {
    add_list_command,  add_show_command,  add_check_command,
    add_demo_command,  add_judge_command, add_selftest_command,
    add_grade_command, add_merge_command, add_init_command,
    add_watch_command, add_hint_command,  add_progress_command,
    add_reset_command, add_solution_command, add_plugin_command,
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

void CliContext::warn(const std::string& line) const {
  std::cerr << "exengine: warning: " << escape_for_terminal(line) << "\n";
}

void CliContext::error(const std::string& line) { fail(line, kExitUsage); }

void CliContext::fail(const std::string& line, ExitCode code) {
  std::cerr << "exengine: error: " << escape_for_terminal(line) << "\n";
  exit_code = code;
}

void CliContext::fail_lines(const std::string& text, ExitCode code) {
  std::cerr << "exengine: error: " << escape_for_terminal(text, /*keep_newlines=*/true) << "\n";
  exit_code = code;
}

const Exercise* CliContext::exercise_or_error(const std::string& id) {
  const Exercise* ex = catalog().exercise(id);
  if (!ex) error(unknown_exercise_message(catalog(), id));
  return ex;
}

std::string unknown_exercise_message(const Catalog& catalog, const std::string& id) {
  std::vector<std::string> ids;
  for (const Exercise* e : catalog.exercises()) ids.push_back(e->id);
  if (auto near = closest_match(id, ids)) {
    return fmt::format("unknown exercise '{}' (did you mean '{}'? see exengine list)", id, *near);
  }
  return fmt::format("unknown exercise '{}' (see exengine list)", id);
}

std::string exercise_id_of(std::string id) {
  for (const std::string ext : {".py", ".cpp"})
    if (id.size() > ext.size() && id.ends_with(ext)) return id.substr(0, id.size() - ext.size());
  return id;
}

int run_cli(int argc, char** argv) {
  signal(SIGPIPE, SIG_IGN);  // a reader that goes away must not kill the engine
  CliContext ctx;
  CLI::App app{"exengine: graded concurrency exercises", "exengine"};
  app.require_subcommand(1);
  app.fallthrough();
  app.set_version_flag("--version", std::string("exengine ") + engine_version() + " (plugin ABI " + std::to_string(kAbiVersion) + ")");
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
    // The first word that is not an option: a subcommand only if the table has it.
    std::vector<std::string> names;
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) names.push_back(sub->get_name());
    for (int i = 1; i < argc; ++i) {
      const std::string word = argv[i];
      if (word.empty() || word[0] == '-') {
        if (word == "--plugins" || word == "--color" || word == "--tier") ++i;  // their value
        continue;
      }
      if (std::find(names.begin(), names.end(), word) != names.end()) break;
      auto near = closest_match(word, names);
      std::cerr << "exengine: error: unknown command '" << escape_for_terminal(word) << "'"
                << (near ? " (did you mean '" + *near + "'?)" : std::string()) << " (see exengine --help)\n";
      return 2;
    }
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
