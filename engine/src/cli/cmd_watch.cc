// exengine watch [DIR] [--poll]: the learner's loop: check each exercise when its file is saved,
// show the verdict, move on when it passes (learner/watch_session.h).
#include <unistd.h>

#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/check_options.h"
#include "cli/command.h"
#include "checking/checker.h"
#include "learner/learner_workspace.h"
#include "learner/watch_session.h"
#include "plugin_host/catalog.h"

namespace exengine {

void add_watch_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("watch", "Check each exercise of a workspace when you save it (h hint, n next, p previous, l list, q quit)");
  // Per call of run_cli (the callback owns them), so the CLI can run twice in one process.
  struct Args {
    std::string dir;
    bool poll = false;
    RunOptions run;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("dir", args->dir, "The workspace (default: the one holding the current folder)");
  cmd->add_flag("--poll", args->poll, "Look for saves every half second instead of using inotify");
  add_run_options(*cmd, args->run);
  cmd->callback([&ctx, args] {
    std::string& dir = args->dir;
    bool& poll = args->poll;
    RunOptions& run = args->run;
    const Catalog& catalog = ctx.catalog();
    try {
      LearnerWorkspace ws(catalog, dir.empty() ? LearnerWorkspace::find_root(catalog, ".") : std::filesystem::path(dir));
      if (ws.items().empty())
        return ctx.error(fmt::format("{}: no exercise files to watch (run exengine init {})", ws.root().string(),
                                     ws.root().string()));
      ctx.quiet = true;  // a reduced sandbox warning would be drawn over; `exengine check` shows it
      Checker checker(catalog, ctx.runner(), run.overrides);
      std::cout.flush();
      WatchOptions options;
      options.poll = poll;
      options.color = ctx.use_color();
      options.in_fd = STDIN_FILENO;
      options.out_fd = STDOUT_FILENO;
      options.plain = !isatty(STDOUT_FILENO);
      ctx.exit_code = WatchSession(ws, checker, options).run();
    } catch (const WorkspaceError& e) {
      ctx.error(e.what());
    } catch (const StateError& e) {
      ctx.error(e.what());
    }
  });
}

}  // namespace exengine
