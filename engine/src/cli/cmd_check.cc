// exengine check [PATH...] | --exercise ID FILE: grade the learner's solutions.
#include <iostream>
#include <system_error>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "batch/submission_opener.h"
#include "cli/check_options.h"
#include "cli/command.h"
#include "learner/solution_pointer.h"
#include "checking/parallel.h"
#include "checking/workspace.h"
#include "core/text.h"
#include "plugin_host/catalog.h"
#include "report/result_printer.h"
#include "report/result_json.h"

namespace exengine {
namespace fs = std::filesystem;

namespace {

// Why the engine will not read `file`, found beneath `root`, or empty: a link, a file with more
// than one hard link, a device or FIFO, as `grade` refuses them (batch/submission_opener.h). The
// folder the user named may itself be reached through a link: that one is theirs to follow.
std::string refusal(const fs::path& root, const fs::path& file) {
  std::error_code ec;
  const fs::path base = fs::canonical(root.empty() ? fs::path(".") : root, ec);
  if (ec) return {};  // the checker says what is wrong with the file
  const SubmissionOpener::Opened o = SubmissionOpener(base).open(file.lexically_relative(root.empty() ? "." : root));
  return o.status == SubmissionOpener::Status::refused || o.status == SubmissionOpener::Status::error ? o.why
                                                                                                      : std::string();
}

}  // namespace

void add_check_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("check", "Grade solutions: a workspace folder or single files");
  // Per call of run_cli (the callback owns them), so the CLI can run twice in one process.
  struct Args {
    std::vector<std::string> paths;
    std::vector<std::string> explicit_pair;
    bool json = false;
    RunOptions run;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("path", args->paths, "A workspace (<topic>/<exercise>.py) or solution files (default: .)");
  cmd->add_option("--exercise,-e", args->explicit_pair, "Grade FILE as exercise ID")->expected(2)->type_name("ID FILE");
  cmd->add_flag("--json", args->json, "Machine-readable output");
  add_run_options(*cmd, args->run);
  cmd->callback([&ctx, args] {
    std::vector<std::string>& paths = args->paths;
    const std::vector<std::string>& explicit_pair = args->explicit_pair;
    const RunOptions& run = args->run;
    const Catalog& catalog = ctx.catalog();
    std::vector<CheckRequest> requests;
    std::vector<fs::path> roots;  // per request: the folder its file is opened beneath
    std::vector<std::string> ignored;
    if (!explicit_pair.empty()) {
      const Exercise* ex = ctx.exercise_or_error(explicit_pair[0]);
      if (!ex) return;
      CheckRequest req;
      req.exercise = ex;
      req.file = explicit_pair[1];
      req.display_name = explicit_pair[1];
      requests.push_back(req);
      roots.push_back(req.file.parent_path());
    }
    if (paths.empty() && explicit_pair.empty()) paths.push_back(".");
    for (const std::string& p : paths) {
      std::error_code ec;
      if (fs::is_directory(p, ec)) {
        try {
          WorkspaceScan scan = scan_workspace(catalog, p);
          if (scan.requests.empty())
            return ctx.error(fmt::format("{}: no solution files found (expected <topic>/<exercise>.py, e.g. threads/simple-thread.py)", p));
          for (auto& r : scan.requests) {
            if (p != ".") r.display_name = (fs::path(p) / r.display_name).lexically_normal().string();
            requests.push_back(std::move(r));
            roots.push_back(p);
          }
          for (auto& i : scan.ignored) ignored.push_back(i);
        } catch (const std::exception& e) {
          return ctx.error(e.what());
        }
      } else if (fs::exists(p, ec)) {
        const Exercise* ex = exercise_for_file(catalog, p);
        if (!ex)
          return ctx.error(fmt::format("{}: cannot tell which exercise this is: name it <topic>/<exercise>.py (e.g. threads/simple-thread.py) or use --exercise ID FILE", p));
        CheckRequest req;
        req.exercise = ex;
        req.file = p;
        req.display_name = p;
        requests.push_back(req);
        roots.push_back(req.file.parent_path());
      } else {
        return ctx.error(fmt::format("{}: no such file or folder", p));
      }
    }
    Checker checker(catalog, ctx.runner(), run.overrides);
    std::vector<ExerciseResult> results(requests.size());
    parallel_for(requests.size(), run.effective_jobs(), [&](std::size_t i) {
      try {
        if (std::string why = refusal(roots[i], requests[i].file); !why.empty()) {
          results[i].exercise = requests[i].exercise->id;
          results[i].file = requests[i].display_name;
          results[i].language = language_for_file(requests[i].file);
          results[i].max_score = requests[i].exercise->points;
          results[i].verdict = Verdict::missing;
          results[i].message = not_read_message(requests[i].display_name, why);
          return;
        }
        results[i] = checker.check(requests[i]);
      } catch (const std::exception& e) {
        results[i].exercise = requests[i].exercise->id;
        results[i].file = requests[i].display_name;
        results[i].verdict = Verdict::internal_error;
        results[i].message = e.what();
      }
    });
    bool all_passed = true;
    for (const auto& r : results) all_passed = all_passed && r.verdict == Verdict::passed;
    if (args->json) {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& r : results) out.push_back(result_to_json(r));
      std::cout << out.dump(2) << "\n";
    } else {
      ResultPrinter(std::cout, ctx.use_color()).all(results);
      if (results.size() == 1 && results[0].verdict == Verdict::passed)
        if (std::string where = solution_pointer(catalog, *requests[0].exercise, results[0].language); !where.empty())
          std::cout << where << "\n";
      for (const auto& i : ignored) std::cout << fmt::format("(ignored {}: it matches no exercise)\n", escape_for_terminal(i));
    }
    ctx.exit_code = all_passed ? 0 : 1;
  });
}

}  // namespace exengine
