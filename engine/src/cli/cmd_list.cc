// exengine list [TOPIC] [--json]: topics and their exercises.
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "plugin_host/catalog.h"

namespace exengine {

void add_list_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("list", "List topics and their exercises");
  // Per call of run_cli (the callback owns them), so the CLI can run twice in one process.
  struct Args {
    bool json = false;
    std::string topic;
  };
  auto args = std::make_shared<Args>();
  cmd->add_flag("--json", args->json, "Machine-readable output");
  cmd->add_option("topic", args->topic, "Only this topic");
  cmd->callback([&ctx, args] {
    bool& json = args->json;
    std::string& topic = args->topic;
    const Catalog& catalog = ctx.catalog();
    if (!topic.empty() && !catalog.plugin(topic)) {
      ctx.error(fmt::format("unknown topic '{}' (see exengine list)", topic));
      return;
    }
    nlohmann::json out = nlohmann::json::array();
    for (const auto& p : catalog.plugins()) {
      const PluginInfo& info = p.manifest.plugin;
      if (!topic.empty() && info.name != topic) continue;
      if (!json) std::cout << fmt::format("{} — {} ({} exercises)\n", info.name, info.title, p.manifest.exercises.size());
      nlohmann::json exercises = nlohmann::json::array();
      for (const auto& ex : p.manifest.exercises) {
        if (catalog.exercise(ex.id) != &ex) continue;
        if (!json) std::cout << fmt::format("  {:<32} {}\n", ex.id, ex.title);
        exercises.push_back({{"id", ex.id},
                             {"title", ex.title},
                             {"source", ex.source},
                             {"languages", ex.languages},
                             {"points", ex.points},
                             {"grader", ex.grader.name}});
      }
      out.push_back({{"topic", info.name},
                     {"title", info.title},
                     {"version", info.version},
                     {"library", info.library.value_or("")},
                     {"exercises", exercises}});
    }
    if (json) std::cout << out.dump(2) << "\n";
  });
}

}  // namespace exengine
