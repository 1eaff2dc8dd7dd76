// exengine selftest [TOPIC...]: every reference solution and the seed's own code pass, every
// known-bad solution fails (with the verdict and message it declares), and every passed reference
// of an exercise with behaviour requirements, replayed by a cheat that prints its output without
// the construct, fails with the requirement's teaching sentence.
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <system_error>

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/check_options.h"
#include "cli/command.h"
#include "report/result_printer.h"
#include "core/text.h"
#include "checking/parallel.h"
#include "checking/selftest_plan.h"
#include "plugin_host/catalog.h"

namespace exengine {
namespace fs = std::filesystem;

namespace {

// A private folder for the replay cheats, removed when selftest ends. The engine itself reads the
// cheats (it copies a submission into the run's folder and hands a C++ source to the compiler the
// same way), so a private /tmp in the sandbox does not hide them.
class CheatDir {
 public:
  CheatDir() {
    std::string tmpl = (fs::temp_directory_path() / "exengine-cheats-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) throw std::runtime_error("cannot create a folder for the replay cheats");
    path_ = tmpl;
  }
  ~CheatDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  CheatDir(const CheatDir&) = delete;
  CheatDir& operator=(const CheatDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

}  // namespace

void add_selftest_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("selftest", "Check that references pass, and known-bad solutions and replay cheats fail");
  // Per call of run_cli (the callback owns them), so the CLI can run twice in one process.
  struct Args {
    std::vector<std::string> topics;
    bool verbose = false;
    RunOptions run;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("topic", args->topics, "Only these topics (default: all)");
  cmd->add_flag("--verbose,-v", args->verbose, "Explain every failure, expected or not");
  add_run_options(*cmd, args->run);
  cmd->callback([&ctx, args] {
    std::vector<std::string>& topics = args->topics;
    bool& verbose = args->verbose;
    RunOptions& run = args->run;
    const Catalog& catalog = ctx.catalog();
    for (const std::string& t : topics) {
      if (catalog.plugin(t)) continue;
      for (const auto& p : catalog.problems())
        if (p.plugin == t) return ctx.error(fmt::format("topic '{}' failed to load (see above)", t));
      return ctx.error(fmt::format("unknown topic '{}' (see exengine list)", t));
    }
    std::vector<SelftestItem> items = selftest_plan(catalog, topics);
    Checker checker(catalog, ctx.runner(), run.overrides);
    auto check_all = [&](const std::vector<SelftestItem>& batch) {
      std::vector<ExerciseResult> out(batch.size());
      parallel_for(batch.size(), run.effective_jobs(), [&](std::size_t i) {
        try {
          out[i] = checker.check(batch[i].request);
        } catch (const std::exception& e) {
          out[i].verdict = Verdict::internal_error;
          out[i].message = e.what();
        }
      });
      return out;
    };
    std::vector<ExerciseResult> results = check_all(items);

    // Replay cheats, once their references have run; each row goes right after its reference.
    std::optional<CheatDir> cheat_dir;
    std::vector<SelftestItem> cheats;
    std::vector<std::size_t> cheat_after;  // index of the reference in `items`
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (items[i].kind != SelftestKind::reference || results[i].verdict != Verdict::passed ||
          items[i].request.exercise->requires_.empty())
        continue;
      if (!cheat_dir) cheat_dir.emplace();
      if (auto cheat = replay_cheat_item(items[i], results[i], cheat_dir->path())) {
        cheats.push_back(std::move(*cheat));
        cheat_after.push_back(i);
      }
      for (SelftestItem& cheat : construct_cheat_items(items[i], results[i], cheat_dir->path())) {
        cheats.push_back(std::move(cheat));
        cheat_after.push_back(i);
      }
    }
    if (!cheats.empty()) {
      std::vector<ExerciseResult> cheat_results = check_all(cheats);
      std::vector<SelftestItem> merged_items;
      std::vector<ExerciseResult> merged_results;
      std::size_t next = 0;
      for (std::size_t i = 0; i < items.size(); ++i) {
        merged_items.push_back(std::move(items[i]));
        merged_results.push_back(std::move(results[i]));
        for (; next < cheats.size() && cheat_after[next] == i; ++next) {
          merged_items.push_back(std::move(cheats[next]));
          merged_results.push_back(std::move(cheat_results[next]));
        }
      }
      items = std::move(merged_items);
      results = std::move(merged_results);
    }
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
      const std::string note = ok ? selftest_note(items[i], results[i]) : std::string();
      std::cout << fmt::format("{:<{}}  {:<9}  {:<14} {:<5} {}  {}{}\n", items[i].request.exercise->id, width,
                               to_string(items[i].kind), to_string(results[i].verdict),
                               items[i].request.language, mark, escape_for_terminal(items[i].request.display_name),
                               note.empty() ? "" : " (" + note + ")");
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
