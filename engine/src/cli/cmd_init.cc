// exengine init DIR [--lang python|cpp] [--topics t1,t2]: create (or complete) a learner workspace.
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/command.h"
#include "learner/learner_workspace.h"
#include "learner/workspace_init.h"
#include "core/suggest.h"
#include "plugin_host/catalog.h"

namespace exengine {

void add_init_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("init", "Create a learner workspace: starter files, a README and progress tracking");
  // Per call of run_cli (the callback owns them), so the CLI can run twice in one process.
  struct Args {
    std::string dir;
    std::string lang;
    std::vector<std::string> topics;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("dir", args->dir, "The folder to create (or complete)")->required();
  cmd->add_option("--lang", args->lang, "Language of the starter files: python (default) or cpp")
      ->check(CLI::IsMember({"python", "cpp"}));
  cmd->add_option("--topics", args->topics, "Only these topics, e.g. threads,locks (default: all)")->delimiter(',');
  cmd->callback([&ctx, args] {
    std::string& dir = args->dir;
    std::string& lang = args->lang;
    std::vector<std::string>& topics = args->topics;
    const Catalog& catalog = ctx.catalog();
    InitOptions options;
    options.root = dir;
    if (!lang.empty()) options.language = lang;
    options.topics = topics;
    InitReport report;
    try {
      report = init_workspace(catalog, options);
    } catch (const WorkspaceError& e) {
      return ctx.error(e.what());
    }
    const std::string language = report.language == "cpp" ? "C++" : "Python";
    if (report.kept.empty())
      std::cout << fmt::format("Created the {} workspace {}: {} exercise files in {} topics ({}).\n", language,
                               report.root.string(), report.created.size(), report.topics.size(),
                               fmt::join(report.topics, ", "));
    else
      std::cout << fmt::format("Workspace {} ({}): added {} files, kept {} (your files are never overwritten).\n",
                               report.root.string(), language, report.created.size(), report.kept.size());
    if (!report.skipped.empty())
      std::cout << fmt::format("Skipped {} exercises with no {} starter yet: {}.\n", report.skipped.size(), language,
                               fmt::join(report.skipped, ", "));
    if (report.readme_created) std::cout << "Wrote README.md: how to work in the workspace.\n";
    const std::string& first = report.first_file;
    std::cout << "\nNext:\n";
    std::cout << fmt::format("  cd {}\n", report.root.string());
    std::cout << "  exengine watch     # checks each exercise every time you save it; h = hint, q = quit\n";
    if (!first.empty()) std::cout << fmt::format("and open {} in your editor.\n", first);
  });
}

}  // namespace exengine
