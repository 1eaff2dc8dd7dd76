// exengine demo ID|TOPIC: runs the reference solution(s), shows the output and the verdict.
#include <iostream>
#include <system_error>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/check_options.h"
#include "cli/command.h"
#include "core/suggest.h"
#include "report/result_printer.h"
#include "checking/parallel.h"
#include "plugin_host/catalog.h"

namespace exengine {
namespace fs = std::filesystem;

void add_demo_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("demo", "Run the reference solution of an exercise (or a topic) and show its output");
  // Per call of run_cli (the callback owns them), so the CLI can run twice in one process.
  struct Args {
    std::string target;
    RunOptions run;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("target", args->target, "Exercise id or topic")->required();
  add_run_options(*cmd, args->run);
  cmd->callback([&ctx, args] {
    std::string& target = args->target;
    RunOptions& run = args->run;
    const Catalog& catalog = ctx.catalog();
    std::vector<CheckRequest> requests;
    std::vector<const Exercise*> chosen;
    if (const Exercise* ex = catalog.exercise(target)) chosen.push_back(ex);
    else if (catalog.plugin(target))
      for (const Exercise* ex : catalog.exercises())
        if (ex->topic == target) chosen.push_back(ex);
    if (chosen.empty()) {
      std::vector<std::string> names;
      for (const Exercise* ex : catalog.exercises()) names.push_back(ex->id);
      for (const auto& p : catalog.plugins()) names.push_back(p.manifest.plugin.name);
      if (auto near = closest_match(target, names))
        return ctx.error(fmt::format("unknown exercise or topic '{}' (did you mean '{}'? see exengine list)", target, *near));
      return ctx.error(fmt::format("unknown exercise or topic '{}' (see exengine list)", target));
    }
    for (const Exercise* ex : chosen)
      for (const std::string& language : ex->languages) {
        CheckRequest req;
        req.exercise = ex;
        req.language = language;
        req.file = catalog.reference(*ex, language == "cpp" ? ".cpp" : ".py");
        std::error_code ec;
        if (!fs::exists(req.file, ec)) continue;
        req.display_name = req.file.string();
        requests.push_back(req);
      }
    Checker checker(catalog, ctx.runner(), run.overrides);
    std::vector<ExerciseResult> results(requests.size());
    parallel_for(requests.size(), run.effective_jobs(), [&](std::size_t i) { results[i] = checker.check(requests[i]); });
    ResultPrinter printer(std::cout, ctx.use_color());
    bool all_passed = !results.empty();
    for (const auto& r : results) {
      std::cout << fmt::format("== {} ({}): {}\n", r.exercise, r.language, r.file);
      printer.output_block("output", r.stdout_text);
      all_passed = all_passed && r.verdict == Verdict::passed;
    }
    std::cout << "\n";
    printer.all(results);
    ctx.exit_code = all_passed ? 0 : 1;
  });
}

}  // namespace exengine
