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
  static bool json = false;
  static std::string topic;
  cmd->add_flag("--json", json, "Machine-readable output");
  cmd->add_option("topic", topic, "Only this topic");
  cmd->callback([&ctx] {
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
