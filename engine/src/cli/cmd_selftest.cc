// exengine selftest [TOPIC...]: every reference solution and the seed's own code pass, every
// known-bad solution fails (with the verdict and message it declares).
#include <fstream>
#include <iostream>
#include <system_error>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/check_options.h"
#include "cli/command.h"
#include "cli/result_printer.h"
#include "core/text.h"
#include "grading/parallel.h"
#include "grading/selftest_plan.h"
#include "plugins/catalog.h"

namespace exengine {

void add_selftest_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("selftest", "Check that references pass and known-bad solutions fail");
  static std::vector<std::string> topics;
  static bool verbose = false;
  static RunOptions run;
  cmd->add_option("topic", topics, "Only these topics (default: all)");
  cmd->add_flag("--verbose,-v", verbose, "Explain every failure, expected or not");
  add_run_options(*cmd, run);
  cmd->callback([&ctx] {
    const Catalog& catalog = ctx.catalog();
    for (const std::string& t : topics) {
      if (catalog.plugin(t)) continue;
      for (const auto& p : catalog.problems())
        if (p.plugin == t) return ctx.error(fmt::format("topic '{}' failed to load (see above)", t));
      return ctx.error(fmt::format("unknown topic '{}' (see exengine list)", t));
    }
    std::vector<SelftestItem> items = selftest_plan(catalog, topics);
    Checker checker(catalog, ctx.runner(), run.overrides);
    std::vector<ExerciseResult> results(items.size());
    parallel_for(items.size(), run.effective_jobs(), [&](std::size_t i) {
      try {
        results[i] = checker.check(items[i].request);
      } catch (const std::exception& e) {
        results[i].verdict = Verdict::internal_error;
        results[i].message = e.what();
      }
    });
    std::size_t width = 10;
    for (const auto& item : items) width = std::max(width, item.request.exercise->id.size());
    std::vector<ExerciseResult> surprises;
    std::size_t good = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
      std::string why = selftest_mismatch(items[i], results[i]);
      const bool ok = why.empty();
      good += ok;
      std::string mark = ok ? "ok" : "UNEXPECTED";
      if (ctx.use_color()) mark = fmt::format("\x1b[{}m{}\x1b[0m", ok ? "32" : "31", mark);
      std::cout << fmt::format("{:<{}}  {:<9}  {:<14} {:<5} {}  {}\n", items[i].request.exercise->id, width,
                               to_string(items[i].kind), to_string(results[i].verdict),
                               items[i].request.language, mark, escape_for_terminal(items[i].request.display_name));
      if (!ok || verbose) {
        ExerciseResult r = results[i];
        if (!ok) r.message = why + (r.message.empty() ? "" : " — " + r.message);
        if (r.verdict == Verdict::passed) r.verdict = Verdict::wrong_output;  // so the printer explains it
        surprises.push_back(r);
      }
    }
    if (!surprises.empty()) ResultPrinter(std::cout, ctx.use_color()).explanations(surprises);
    std::cout << fmt::format("\nselftest: {} of {} as expected{}\n", good, items.size(),
                             good == items.size() ? "" : fmt::format(", {} unexpected", items.size() - good));
    if (items.empty()) return ctx.error("nothing to self-test: no exercises found");
    ctx.exit_code = good == items.size() ? 0 : 1;
  });
}

}  // namespace exengine
