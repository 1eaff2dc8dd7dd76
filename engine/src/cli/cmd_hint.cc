// exengine hint [ID] [--all] [--dir DIR]: the exercise's hints, one at a time. Inside a learner
// workspace the count of revealed hints is remembered in its state file, so each run shows the
// next one; without an ID it is the workspace's current exercise (the first unfinished one).
#include <iostream>
#include <optional>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/command.h"
#include "learner/learner_workspace.h"
#include "plugin_host/catalog.h"

namespace exengine {

void add_hint_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("hint", "Show an exercise's next hint (remembered in a workspace)");
  // Per call of run_cli (the callback owns them), so the CLI can run twice in one process.
  struct Args {
    std::string id;
    std::string dir;
    bool all = false;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("id", args->id, "Exercise id, e.g. threads/simple-thread (default: the workspace's current one)");
  cmd->add_flag("--all", args->all, "Show every hint at once");
  cmd->add_option("--dir", args->dir, "The workspace (default: the one holding the current folder)");
  cmd->callback([&ctx, args] {
    std::string& id = args->id;
    std::string& dir = args->dir;
    bool& all = args->all;
    const Catalog& catalog = ctx.catalog();
    std::optional<LearnerWorkspace> ws;
    try {
      ws.emplace(catalog, LearnerWorkspace::find_root(catalog, dir.empty() ? "." : dir));
    } catch (const WorkspaceError& e) {
      if (id.empty() || !dir.empty()) return ctx.error(e.what());
    }
    const Exercise* ex = nullptr;
    if (!id.empty()) {
      ex = ctx.exercise_or_error(exercise_id_of(id));
      if (!ex) return;
    } else {
      const WorkspaceItem* current = ws->next_unfinished();
      if (!current) {
        std::cout << "Every exercise of this workspace passed: no hint needed.\n";
        return;
      }
      ex = current->exercise;
    }
    const std::size_t total = ex->hints.size();
    if (total == 0) {
      std::cout << fmt::format("{} has no hints. Read its prompt again: exengine show {}\n", ex->id, ex->id);
      return;
    }
    const std::size_t before = ws ? static_cast<std::size_t>(ws->hints_revealed(*ex)) : 0;
    std::size_t shown_from = 0, shown_to = 0;  // hints [from, to) are printed
    if (all || before >= total) {
      shown_to = total;
    } else {
      shown_from = before;
      shown_to = before + 1;
    }
    if (ws) {
      while (static_cast<std::size_t>(ws->hints_revealed(*ex)) < shown_to) ws->reveal_hint(*ex);
      try {
        ws->save();
      } catch (const StateError& e) {
        ctx.warn(e.what());
      }
    }
    if (shown_to - shown_from == 1) {
      std::cout << fmt::format("{}: hint {} of {}\n  {}\n", ex->id, shown_to, total, ex->hints[shown_from]);
    } else {
      std::cout << fmt::format("{}: all {} hints\n", ex->id, total);
      for (std::size_t i = 0; i < total; ++i) std::cout << fmt::format("  {}. {}\n", i + 1, ex->hints[i]);
    }
    if (!ws && !all && total > 1)
      std::cout << "(outside a workspace hints are not remembered: --all shows every hint)\n";
    else if (shown_to < total)
      std::cout << fmt::format("(run `exengine hint {}` again for the next one)\n", ex->id);
    else if (!all && before >= total)
      std::cout << fmt::format("(no more hints; the prompt: exengine show {})\n", ex->id);
    else if (!all)
      std::cout << "(that was the last hint)\n";
  });
}

}  // namespace exengine
