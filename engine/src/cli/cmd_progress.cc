// exengine progress [DIR] [--json]: what is done in a learner workspace, per topic, with a bar.
// Files changed since their last check are checked first, so the answer is right after edits made
// outside `watch` and across restarts.
#include <iostream>
#include <map>
#include <thread>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "checking/checker.h"
#include "learner/learner_workspace.h"
#include "learner/progress_view.h"
#include "learner/workspace_refresh.h"
#include "plugin_host/catalog.h"

namespace exengine {

namespace {

const char* status_name(ItemStatus s) {
  switch (s) {
    case ItemStatus::no_file: return "no-file";
    case ItemStatus::not_started: return "not-started";
    case ItemStatus::unchecked: return "unchecked";
    case ItemStatus::passed: return "passed";
    case ItemStatus::failed: return "failed";
  }
  return "unchecked";
}

nlohmann::json progress_json(const LearnerWorkspace& ws) {
  nlohmann::json topics = nlohmann::json::array();
  std::map<std::string, std::size_t> index;
  std::size_t done = 0;
  for (const WorkspaceItem& item : ws.items()) {
    const std::string& t = item.exercise->topic;
    if (!index.count(t)) {
      index[t] = topics.size();
      topics.push_back({{"topic", t}, {"done", 0}, {"total", 0}, {"exercises", nlohmann::json::array()}});
    }
    nlohmann::json& topic = topics[index[t]];
    const ItemStatus s = ws.status(item);
    auto verdict = ws.last_verdict(item);
    topic["total"] = topic["total"].get<int>() + 1;
    if (s == ItemStatus::passed) {
      topic["done"] = topic["done"].get<int>() + 1;
      ++done;
    }
    topic["exercises"].push_back(
        {{"id", item.exercise->id},
         {"file", item.rel},
         {"status", status_name(s)},
         {"verdict", s == ItemStatus::passed || s == ItemStatus::failed ? nlohmann::json(std::string(to_string(*verdict)))
                                                                        : nlohmann::json(nullptr)}});
  }
  return {{"root", ws.root().string()},
          {"language", ws.language()},
          {"done", done},
          {"total", ws.items().size()},
          {"topics", topics}};
}

}  // namespace

void add_progress_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("progress", "Show what is done in a learner workspace, per topic");
  // Per call of run_cli (the callback owns them), so the CLI can run twice in one process.
  struct Args {
    std::string dir;
    bool json = false;
    unsigned jobs = 0;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("dir", args->dir, "The workspace (default: the one holding the current folder)");
  cmd->add_flag("--json", args->json, "Machine-readable output");
  cmd->add_option("--jobs,-j", args->jobs, "Checks at once for changed files (default: one per core)");
  cmd->callback([&ctx, args] {
    std::string& dir = args->dir;
    bool& json = args->json;
    unsigned& jobs = args->jobs;
    const Catalog& catalog = ctx.catalog();
    try {
      LearnerWorkspace ws(catalog, dir.empty() ? LearnerWorkspace::find_root(catalog, ".") : std::filesystem::path(dir));
      if (!ws.note().empty()) ctx.warn(ws.note());
      Checker checker(catalog, ctx.runner());
      const unsigned n = jobs ? jobs : std::max(1u, std::thread::hardware_concurrency());
      refresh_unchecked(ws, checker, n, [&](std::size_t count) {
        if (!json) std::cerr << fmt::format("Checking {} changed file{}…\n", count, count == 1 ? "" : "s");
      });
      if (json) {
        std::cout << progress_json(ws).dump(2) << "\n";
        return;
      }
      ProgressViewOptions view;
      view.color = ctx.use_color();
      std::cout << fmt::format("Progress of {} ({})\n\n", ws.root().string(),
                               ws.language() == "cpp" ? "C++" : "Python");
      std::cout << render_progress(ws, view);
      if (const WorkspaceItem* next = ws.next_unfinished())
        std::cout << fmt::format("Next: {} ({}): run `exengine watch` and edit the file.\n", next->exercise->id,
                                 next->rel);
      else if (!ws.items().empty())
        std::cout << "Every exercise passed. Well done!\n";
    } catch (const WorkspaceError& e) {
      ctx.error(e.what());
    } catch (const StateError& e) {
      ctx.error(e.what());
    }
  });
}

}  // namespace exengine
