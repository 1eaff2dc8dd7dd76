// exengine list [TOPIC] [--json]: topics and their exercises, in lesson order (as watch and
// progress show them). Run inside a learner workspace, each exercise also shows its status there
// (as last checked: `exengine progress` checks changed files first).
#include <iostream>
#include <optional>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "learner/learner_workspace.h"
#include "plugin_host/catalog.h"

namespace exengine {

namespace {

// The status column of an exercise in the workspace.
std::string status_text(const LearnerWorkspace& ws, const Exercise& ex) {
  const WorkspaceItem* item = ws.item(ex.id);
  if (!item) return "-";
  switch (ws.status(*item)) {
    case ItemStatus::passed: return "passed";
    case ItemStatus::failed: return std::string(to_string(ws.last_verdict(*item).value_or(Verdict::wrong_output)));
    case ItemStatus::not_started: return "not started";
    case ItemStatus::unchecked: return "not checked";
    case ItemStatus::no_file: return "no file";
  }
  return "-";
}

}  // namespace

void add_list_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("list", "List topics and their exercises (with their status in a workspace)");
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
    std::optional<LearnerWorkspace> ws;
    try {
      ws.emplace(catalog, LearnerWorkspace::find_root(catalog, "."));
    } catch (const WorkspaceError&) {
      // Not in a workspace: the catalog alone.
    }
    if (ws && !json) {
      std::size_t passed = 0;
      for (const WorkspaceItem& item : ws->items()) passed += ws->status(item) == ItemStatus::passed;
      std::cout << fmt::format("Workspace {}: {} of {} exercises passed (status as last checked).\n\n",
                               ws->root().string(), passed, ws->items().size());
    }
    nlohmann::json out = nlohmann::json::array();
    for (const std::string& name : lesson_topics(catalog)) {
      const LoadedPlugin& p = *catalog.plugin(name);
      const PluginInfo& info = p.manifest.plugin;
      if (!topic.empty() && info.name != topic) continue;
      if (!json) std::cout << fmt::format("{} — {} ({} exercises)\n", info.name, info.title, p.manifest.exercises.size());
      nlohmann::json exercises = nlohmann::json::array();
      for (const auto& ex : p.manifest.exercises) {
        if (catalog.exercise(ex.id) != &ex) continue;
        const std::string status = ws ? status_text(*ws, ex) : "";
        if (!json && ws) std::cout << fmt::format("  {:<32} {:<14} {}\n", ex.id, status, ex.title);
        else if (!json) std::cout << fmt::format("  {:<32} {}\n", ex.id, ex.title);
        nlohmann::json e = {{"id", ex.id},
                            {"title", ex.title},
                            {"source", ex.source},
                            {"languages", ex.languages},
                            {"points", ex.points},
                            {"grader", ex.grader.name}};
        if (ws) e["status"] = status;
        exercises.push_back(std::move(e));
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
