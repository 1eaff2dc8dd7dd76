// exengine show ID: the prompt, the hints and where the starter file is.
#include <iostream>
#include <system_error>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/command.h"
#include "plugin_host/catalog.h"

namespace exengine {

void add_show_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("show", "Show an exercise: prompt, hints, starter file");
  // Per call of run_cli (the callback owns them), so the CLI can run twice in one process.
  struct Args {
    std::string id;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("id", args->id, "Exercise id, e.g. threads/simple-thread")->required();
  cmd->callback([&ctx, args] {
    std::string& id = args->id;
    const Exercise* ex = ctx.exercise_or_error(id);
    if (!ex) return;
    const Catalog& catalog = ctx.catalog();
    std::cout << fmt::format("{} — {}\n", ex->id, ex->title);
    if (!ex->source.empty()) std::cout << fmt::format("(from the lesson: {})\n", ex->source);
    std::cout << "\n" << ex->prompt << (ex->prompt.ends_with('\n') ? "" : "\n");
    if (!ex->hints.empty()) {
      std::cout << "\nHints:\n";
      for (std::size_t i = 0; i < ex->hints.size(); ++i) std::cout << fmt::format("  {}. {}\n", i + 1, ex->hints[i]);
    }
    std::cout << "\nStarter files:\n";
    for (const std::string& lang : ex->languages) {
      const std::string ext = lang == "cpp" ? ".cpp" : ".py";
      auto path = catalog.starter(*ex, ext);
      std::error_code ec;
      std::cout << fmt::format("  {:<7} {}{}\n", lang, path.string(),
                               std::filesystem::exists(path, ec) ? "" : " (not provided)");
    }
    std::cout << fmt::format("\nSave your solution as {}/{}.py and run: exengine check {}/{}.py\n", ex->topic,
                             ex->name, ex->topic, ex->name);
  });
}

}  // namespace exengine
