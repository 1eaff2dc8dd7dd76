// exengine reset ID [--dir DIR]: puts an exercise's starter back in the learner's workspace; the
// learner's own file is kept beside it (learner/workspace_reset.h).
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/command.h"
#include "core/text.h"
#include "learner/learner_workspace.h"
#include "learner/workspace_reset.h"
#include "plugin_host/catalog.h"

namespace exengine {

void add_reset_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("reset", "Put an exercise's starter back (your file is kept as a backup)");
  // Per call of run_cli (the callback owns them), so the CLI can run twice in one process.
  struct Args {
    std::string id, dir;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("id", args->id, "Exercise id, e.g. threads/simple-thread")->required();
  cmd->add_option("--dir", args->dir, "The workspace (default: the one holding the current folder)");
  cmd->callback([&ctx, args] {
    const std::string& id = args->id;
    const std::string& dir = args->dir;
    const Catalog& catalog = ctx.catalog();
    const Exercise* ex = ctx.exercise_or_error(exercise_id_of(id));
    if (!ex) return;
    try {
      LearnerWorkspace ws(catalog, LearnerWorkspace::find_root(catalog, dir.empty() ? "." : dir));
      const ResetReport r = reset_exercise(catalog, ws, *ex);
      switch (r.kind) {
        case ResetReport::restored:
          std::cout << fmt::format("Reset {} to its starter. Your version is kept as {}.\n", r.rel, r.backup_rel);
          break;
        case ResetReport::already_starter:
          std::cout << fmt::format("{} is already the starter: nothing to reset.\n", r.rel);
          break;
        case ResetReport::was_missing:
          std::cout << fmt::format("{} was missing: wrote its starter.\n", r.rel);
          break;
      }
    } catch (const WorkspaceError& e) {
      ctx.error(e.what());
    }
  });
}

}  // namespace exengine
