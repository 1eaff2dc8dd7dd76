// exengine solution ID [--lang python|cpp]: prints the exercise's reference solution (the one
// `check` and `watch` point to after a pass). The language is the workspace's when run in one.
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <system_error>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/command.h"
#include "learner/learner_workspace.h"
#include "plugin_host/catalog.h"

namespace exengine {
namespace fs = std::filesystem;

void add_solution_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("solution", "Print an exercise's reference solution");
  // Per call of run_cli (the callback owns them), so the CLI can run twice in one process.
  struct Args {
    std::string id, lang;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("id", args->id, "Exercise id, e.g. threads/simple-thread")->required();
  cmd->add_option("--lang", args->lang, "python or cpp (default: the workspace's language, else python)")
      ->check(CLI::IsMember({"python", "cpp"}));
  cmd->callback([&ctx, args] {
    const std::string& id = args->id;
    const std::string& lang = args->lang;
    const Catalog& catalog = ctx.catalog();
    const Exercise* ex = ctx.exercise_or_error(exercise_id_of(id));
    if (!ex) return;
    std::string language = lang;
    if (language.empty()) {
      try {
        language = LearnerWorkspace(catalog, LearnerWorkspace::find_root(catalog, ".")).language();
      } catch (const WorkspaceError&) {
        language = "python";
      }
    }
    const fs::path path = catalog.reference(*ex, extension_for(language));
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      ctx.error(fmt::format("{} has no {} reference solution", ex->id, language == "cpp" ? "C++" : "Python"));
      return;
    }
    std::ostringstream text;
    text << in.rdbuf();
    std::cout << text.str();
  });
}

}  // namespace exengine
