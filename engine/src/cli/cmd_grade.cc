// exengine grade CLASS_DIR --out DIR: batch-grade a class (see batch/batch_grader.h).
#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <set>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "batch/batch_grader.h"
#include "batch/class_roster.h"
#include "batch/journal.h"
#include "cli/command.h"
#include "checking/checker.h"
#include "plugin_host/catalog.h"
#include "report/class_results.h"
#include "report/class_summary.h"
#include "report/report_writer.h"

namespace exengine {
namespace fs = std::filesystem;

namespace {

struct GradeArgs {
  std::string class_dir;
  std::string out_dir;
  unsigned jobs = 0;
  std::vector<std::string> topics, exercises, students;
  CheckOverrides overrides;
  bool resume = false;
  std::string shard = "1/1";
  std::string formats = "all";
  bool quiet = false;
};

std::vector<std::string> split_commas(const std::vector<std::string>& items) {
  std::vector<std::string> out;
  for (const auto& item : items) {
    std::size_t start = 0;
    while (start <= item.size()) {
      std::size_t comma = item.find(',', start);
      if (comma == std::string::npos) comma = item.size();
      if (comma > start) out.push_back(item.substr(start, comma - start));
      start = comma + 1;
    }
  }
  return out;
}

// The exercises the filters select; throws BatchError naming an unknown topic or exercise.
std::vector<const Exercise*> select_exercises(const Catalog& catalog, const std::vector<std::string>& topics,
                                              const std::vector<std::string>& ids) {
  std::set<std::string> known_topics;
  for (const Exercise* ex : catalog.exercises()) known_topics.insert(ex->topic);
  for (const auto& t : topics)
    if (!known_topics.count(t)) {
      throw BatchError(fmt::format("unknown topic '{}' (valid: {})", t, fmt::join(known_topics, ", ")));
    }
  for (const auto& id : ids)
    if (!catalog.exercise(id)) throw BatchError(fmt::format("unknown exercise '{}' (see exengine list)", id));
  std::vector<const Exercise*> out;
  for (const Exercise* ex : catalog.exercises()) {
    const bool all = topics.empty() && ids.empty();
    if (all || std::count(topics.begin(), topics.end(), ex->topic) || std::count(ids.begin(), ids.end(), ex->id))
      out.push_back(ex);
  }
  if (out.empty()) throw BatchError("no exercises to grade (no plugins loaded? see exengine list)");
  return out;
}

void run_grade(CliContext& ctx, const GradeArgs& args) {
  BatchOptions options;
  options.class_dir = args.class_dir;
  options.out_dir = args.out_dir;
  options.students = split_commas(args.students);
  options.resume = args.resume;
  try {
    std::tie(options.shard_k, options.shard_n) = parse_shard(args.shard);
    options.formats = parse_report_formats(args.formats);
  } catch (const std::exception& e) {
    return ctx.error(e.what());
  }
  if (args.jobs > 0) options.scheduler.slots = static_cast<int>(args.jobs);
  const bool quiet = args.quiet || ctx.quiet;
  options.progress = quiet ? ProgressMeter::Mode::quiet
                           : (isatty(STDERR_FILENO) ? ProgressMeter::Mode::bar : ProgressMeter::Mode::lines);

  const Catalog& catalog = ctx.catalog();
  std::vector<const Exercise*> exercises;
  try {
    exercises = select_exercises(catalog, split_commas(args.topics), split_commas(args.exercises));
  } catch (const BatchError& e) {
    return ctx.error(e.what());
  }
  Checker checker(catalog, ctx.runner(), args.overrides);
  auto check = [&checker](const GradeTask& task) {
    CheckRequest request;
    request.exercise = task.exercise;
    request.file = task.file;
    request.language = task.language;
    request.display_name = task.display_name;
    request.student = task.student;
    return checker.check(request);
  };

  BatchSummary summary;
  try {
    BatchGrader grader(exercises, check, options, std::cerr, std::cerr);
    summary = grader.run();
  } catch (const BatchError& e) {
    return ctx.error(e.what());
  }
  try {
    ClassResults results(read_journal(options.out_dir / "journal.jsonl").results);
    if (summary.resumed > 0)
      std::cout << fmt::format("resumed: {} of {} results were already in the journal\n", summary.resumed,
                               summary.tasks);
    const bool html = std::count(options.formats.begin(), options.formats.end(), "html") > 0;
    print_class_summary(std::cout, results, options.out_dir, html);
  } catch (const std::exception& e) {
    return ctx.error(e.what());
  }
  ctx.exit_code = summary.all_passed ? 0 : 1;
}

}  // namespace

void add_grade_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("grade", "Grade a whole class: one folder or archive per student");
  static GradeArgs args;
  cmd->add_option("class_dir", args.class_dir,
                  "Folder with one <student>/ (laid out <topic>/<exercise>.py) or <student>.zip/.tar.gz each")
      ->required()
      ->type_name("CLASS_DIR");
  cmd->add_option("--out,-o", args.out_dir, "Where the journal and the reports go")->required()->type_name("DIR");
  cmd->add_option("--jobs,-j", args.jobs,
                  "Most runs at once (default: 4 per core; CPU-bound runs never exceed the cores)");
  cmd->add_option("--topic", args.topics, "Grade only these topics (repeatable, or a comma list)")->type_name("TOPIC");
  cmd->add_option("--exercise,-e", args.exercises, "Grade only these exercises (repeatable, or a comma list)")
      ->type_name("ID");
  cmd->add_option("--student", args.students, "Grade only these students (repeatable, or a comma list)")
      ->type_name("NAME");
  cmd->add_option_function<int>("--trials", [](int n) { args.overrides.trials = n; },
                                "Runs per exercise; all must pass (default: the exercise's)")
      ->check(CLI::Range(1, 1000));
  cmd->add_flag_function("--stress,!--no-stress", [](std::int64_t n) { args.overrides.stress = n > 0; },
                         "Schedule noise that makes races show (default: the exercise's)");
  cmd->add_option_function<double>("--timeout", [](double s) { args.overrides.limits.wall_s = s; },
                                   "Wall-clock limit per run, in seconds")
      ->check(CLI::PositiveNumber);
  cmd->add_option_function<std::int64_t>("--memory", [](std::int64_t mb) { args.overrides.limits.memory_mb = mb; },
                                         "Memory limit per run, in MiB")
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--resume", args.resume, "Continue the run in DIR: grade only what its journal lacks");
  cmd->add_option("--shard", args.shard, "Grade only shard K of N (students split by sorted name); see merge")
      ->type_name("K/N");
  cmd->add_option("--format", args.formats, "Reports: a list of json, csv, junit, gradescope, html (default all)")
      ->type_name("LIST");
  cmd->add_flag("--quiet,-q", args.quiet, "No progress display");
  cmd->callback([&ctx] { run_grade(ctx, args); });
}

}  // namespace exengine
