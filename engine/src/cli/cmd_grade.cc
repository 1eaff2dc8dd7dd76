// exengine grade CLASS_DIR --out DIR: batch-grade a class (see batch/batch_grader.h), here or, with
// --slurm, as an array of shard jobs and a merge job on Slurm (batch/cluster_grade.h).
#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <fstream>
#include <set>
#include <sstream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "batch/batch_grader.h"
#include "batch/class_roster.h"
#include "batch/cluster_grade.h"
#include "batch/journal.h"
#include "batch/slurm_submitter.h"
#include "cli/command.h"
#include "checking/checker.h"
#include "cli/reduced_isolation.h"
#include "core/paths.h"
#include "core/sha256.h"
#include "manifest/assignment.h"
#include "plugin_host/catalog.h"
#include "report/class_results.h"
#include "report/class_summary.h"
#include "report/report_writer.h"
#include "runner/process_runner.h"

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
  // --slurm
  bool slurm = false;
  int shards = 0;  // 0: min(4, students)
  std::string partition, time_limit;
  int cpus_per_shard = 1;
  bool wait = false;
  bool allow_reduced_isolation = false;
  // Issue 18: an assignment, submission times, near-miss names.
  std::string assignment, submission_times;
  bool accept_near_names = false;
  bool regrade = false;
};

std::string file_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// What, besides the exercises and the class, decides the verdicts: recorded in shard.json, so
// merge refuses shards graded differently.
nlohmann::json grading_options(const CliContext& ctx, const GradeArgs& a) {
  const CheckOverrides& o = a.overrides;
  nlohmann::json j = nlohmann::json::object();
  j["tier"] = ctx.tier;
  // The files' contents, not their names: an edited assignment is another run.
  if (!a.assignment.empty()) j["assignment"] = sha256_hex(file_text(a.assignment));
  if (!a.submission_times.empty()) j["submission_times"] = sha256_hex(file_text(a.submission_times));
  if (a.accept_near_names) j["accept_near_names"] = true;
  if (o.trials) j["trials"] = *o.trials;
  if (o.stress) j["stress"] = *o.stress;
  if (o.limits.wall_s) j["timeout"] = *o.limits.wall_s;
  if (o.limits.memory_mb) j["memory"] = *o.limits.memory_mb;
  return j;
}

// The options a shard job repeats (the grading options and filters).
std::vector<std::string> forwarded_args(const GradeArgs& a) {
  std::vector<std::string> out;
  for (const auto& t : a.topics) out.insert(out.end(), {"--topic", t});
  for (const auto& e : a.exercises) out.insert(out.end(), {"--exercise", e});
  for (const auto& s : a.students) out.insert(out.end(), {"--student", s});
  std::error_code ec;
  if (!a.assignment.empty()) out.insert(out.end(), {"--assignment", fs::absolute(a.assignment, ec).string()});
  if (!a.submission_times.empty())
    out.insert(out.end(), {"--submission-times", fs::absolute(a.submission_times, ec).string()});
  if (a.accept_near_names) out.push_back("--accept-near-names");
  const CheckOverrides& o = a.overrides;
  if (o.trials) out.insert(out.end(), {"--trials", std::to_string(*o.trials)});
  if (o.stress) out.push_back(*o.stress ? "--stress" : "--no-stress");
  if (o.limits.wall_s) out.insert(out.end(), {"--timeout", fmt::format("{}", *o.limits.wall_s)});
  if (o.limits.memory_mb) out.insert(out.end(), {"--memory", std::to_string(*o.limits.memory_mb)});
  return out;
}

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
    if (!catalog.exercise(id)) throw BatchError(unknown_exercise_message(catalog, id));
  std::vector<const Exercise*> out;
  for (const Exercise* ex : catalog.exercises()) {
    const bool all = topics.empty() && ids.empty();
    if (all || std::count(topics.begin(), topics.end(), ex->topic) || std::count(ids.begin(), ids.end(), ex->id))
      out.push_back(ex);
  }
  if (out.empty()) throw BatchError("no exercises to grade (no plugins loaded? see exengine list)");
  return out;
}

void print_summary_of(std::ostream& out, const fs::path& out_dir, const std::vector<std::string>& formats) {
  ClassResults results = class_results_from_journal(out_dir / "journal.jsonl");
  const bool html = std::count(formats.begin(), formats.end(), "html") > 0;
  print_class_summary(out, results, out_dir, html);
}

void run_slurm(CliContext& ctx, const GradeArgs& args) {
  if (args.shard != "1/1")
    return ctx.error("--slurm runs every shard itself: give --shards N, not --shard K/N");
  if (args.jobs > 0) return ctx.error("--slurm: each shard runs --jobs $SLURM_CPUS_PER_TASK; give --cpus-per-shard");
  std::vector<std::string> formats;
  try {
    formats = parse_report_formats(args.formats);
    select_exercises(ctx.catalog(), split_commas(args.topics), split_commas(args.exercises));
  } catch (const std::exception& e) {
    return ctx.error(e.what());
  }
  ClusterGradeOptions o;
  std::error_code ec;
  o.class_dir = fs::absolute(args.class_dir, ec).lexically_normal();
  o.out_dir = fs::absolute(args.out_dir, ec).lexically_normal();
  if (!o.out_dir.empty() && !o.out_dir.has_filename()) o.out_dir = o.out_dir.parent_path();
  std::size_t students = 0;
  try {
    students = scan_class(o.class_dir, o.out_dir).students.size();
  } catch (const std::exception& e) {
    return ctx.error(e.what());
  }
  o.shards = args.shards > 0 ? args.shards : static_cast<int>(std::clamp<std::size_t>(students, 1, 4));
  o.cpus = args.cpus_per_shard;
  o.partition = args.partition;
  o.time_limit = args.time_limit;
  o.resume = args.resume;
  o.formats = args.formats;
  o.exe = self_exe();
  for (const auto& d : ctx.plugin_dirs) o.engine_args.insert(o.engine_args.end(), {"--plugins", fs::absolute(d).string()});
  if (ctx.no_default_plugins) o.engine_args.push_back("--no-default-plugins");
  if (ctx.tier != "auto") o.engine_args.insert(o.engine_args.end(), {"--tier", ctx.tier});
  o.grade_args = forwarded_args(args);

  auto commands = make_command_runner();
  SlurmSubmitter slurm(*commands);
  ClusterJobs jobs;
  try {
    jobs = submit_cluster_grade(slurm, o, std::cerr);
  } catch (const BatchOutputError& e) {
    return ctx.fail(e.what(), kExitOutput);
  } catch (const BatchError& e) {
    return ctx.error(e.what());
  } catch (const JobEngineError& e) {
    return ctx.fail_lines(e.what(), kExitCluster);
  }
  std::cout << fmt::format("submitted: {} shards as array job {}, then merge job {} (after all shards succeed)\n",
                           o.shards, jobs.shards, jobs.merge);
  for (const auto& c : slurm.follow_commands({jobs.shards, jobs.merge})) std::cout << "follow: " << c << "\n";
  std::cout << "logs: " << (o.out_dir / "shards").string() << "/K.log, " << (o.out_dir / "slurm" / "merge.log").string()
            << "\n" << std::flush;
  if (!args.wait) return;
  try {
    const bool quiet = args.quiet || ctx.quiet;
    std::ostringstream sink;
    follow_cluster_grade(slurm, jobs, o, quiet ? static_cast<std::ostream&>(sink) : std::cerr,
                         !quiet && isatty(STDERR_FILENO));
  } catch (const JobEngineError& e) {
    return ctx.fail_lines(e.what(), kExitCluster);
  }
  try {
    print_summary_of(std::cout, o.out_dir, formats);
  } catch (const std::exception& e) {
    return ctx.fail(e.what(), kExitOutput);
  }
}

void run_grade(CliContext& ctx, const GradeArgs& args) {
  if (args.slurm) return run_slurm(ctx, args);
  if (args.shards || args.wait || !args.partition.empty() || !args.time_limit.empty() || args.cpus_per_shard != 1)
    return ctx.error("--shards, --partition, --cpus-per-shard, --time and --wait go with --slurm");
  BatchOptions options;
  options.class_dir = args.class_dir;
  options.out_dir = args.out_dir;
  options.students = split_commas(args.students);
  options.resume = args.resume || args.regrade;
  options.regrade = args.regrade;
  options.grading_options = grading_options(ctx, args);
  options.accept_near_names = args.accept_near_names;
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
    if (!args.assignment.empty()) {
      if (!args.topics.empty() || !args.exercises.empty())
        return ctx.error("--assignment names the exercises to grade: drop --topic and --exercise");
      std::vector<std::string> known;
      for (const Exercise* ex : catalog.exercises()) known.push_back(ex->id);
      options.assignment = read_assignment(args.assignment, known);
      for (const auto& ae : options.assignment->exercises) exercises.push_back(catalog.exercise(ae.id));
    } else {
      exercises = select_exercises(catalog, split_commas(args.topics), split_commas(args.exercises));
    }
    if (!args.submission_times.empty()) {
      if (!options.assignment || !options.assignment->due)
        return ctx.error("--submission-times goes with an --assignment that has a due date");
      options.submission_times = read_submission_times(args.submission_times);
    }
  } catch (const BatchError& e) {
    return ctx.error(e.what());
  } catch (const ManifestError& e) {
    return ctx.error(e.what());
  } catch (const SubmissionTimesError& e) {
    return ctx.error(e.what());
  }
  ProcessRunner& runner = ctx.runner();
  if (std::string refusal = reduced_isolation_refusal(runner.tier(), ::geteuid() == 0, ::geteuid(),
                                                      args.allow_reduced_isolation);
      !refusal.empty())
    return ctx.error(refusal);
  Checker checker(catalog, runner, args.overrides);
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
  } catch (const BatchOutputError& e) {
    return ctx.fail(e.what(), kExitOutput);
  } catch (const BatchError& e) {
    return ctx.error(e.what());
  }
  try {
    ClassResults results = class_results_from_journal(options.out_dir / "journal.jsonl");
    if (summary.resumed > 0)
      std::cout << fmt::format("resumed: {} of {} results were already in the journal\n", summary.resumed,
                               summary.tasks);
    const bool html = std::count(options.formats.begin(), options.formats.end(), "html") > 0;
    print_class_summary(std::cout, results, options.out_dir, html);
  } catch (const std::exception& e) {
    return ctx.fail(e.what(), kExitOutput);
  }
  ctx.exit_code = kExitOk;  // the reports are written, whatever the students scored
}

}  // namespace

void add_grade_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("grade", "Grade a whole class: one folder or archive per student");
  // Per call of run_cli (the callback owns them), so the CLI can run twice in one process.
  auto owned = std::make_shared<GradeArgs>();
  GradeArgs& args = *owned;
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
  cmd->add_option_function<int>("--trials", [&args](int n) { args.overrides.trials = n; },
                                "Runs per exercise; all must pass (default: the exercise's)")
      ->check(CLI::Range(1, 1000));
  cmd->add_flag_function("--stress,!--no-stress", [&args](std::int64_t n) { args.overrides.stress = n > 0; },
                         "Schedule noise that makes races show (default: the exercise's)");
  cmd->add_option_function<double>("--timeout", [&args](double s) { args.overrides.limits.wall_s = s; },
                                   "Wall-clock limit per run, in seconds")
      ->check(CLI::PositiveNumber);
  cmd->add_option_function<std::int64_t>("--memory", [&args](std::int64_t mb) { args.overrides.limits.memory_mb = mb; },
                                         "Memory limit per run, in MiB")
      ->check(CLI::PositiveNumber);
  cmd->add_option_function<std::int64_t>("--disk", [&args](std::int64_t mb) { args.overrides.limits.disk_mb = mb; },
                                         "Size of each run's directory (tier A: a tmpfs), in MiB (default 64)")
      ->check(CLI::PositiveNumber);
  cmd->add_option_function<std::int64_t>("--disk-files", [&args](std::int64_t n) { args.overrides.limits.disk_files = n; },
                                         "Files and folders each run may make in its directory (default 4096)")
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--resume", args.resume, "Continue the run in DIR: grade only what its journal lacks");
  cmd->add_flag("--regrade", args.regrade,
                "With --resume: grade every result in DIR again, with this run's options (trials, stress, limits...)");
  cmd->add_option("--shard", args.shard, "Grade only shard K of N (students split by sorted name); see merge")
      ->type_name("K/N");
  cmd->add_option("--format", args.formats, "Reports: a list of json, csv, junit, gradescope, html (default all)")
      ->type_name("LIST");
  cmd->add_flag("--quiet,-q", args.quiet, "No progress display");
  cmd->add_flag("--slurm", args.slurm,
                "Grade on Slurm: an array job of --shards shard tasks, then a merge job, all writing into DIR "
                "(CLASS_DIR and DIR must be on a filesystem every node sees)");
  cmd->add_option("--shards", args.shards, "With --slurm: how many shards (default: 4, at most one per student)")
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--partition", args.partition, "With --slurm: the partition to submit to")->type_name("P");
  cmd->add_option("--cpus-per-shard", args.cpus_per_shard, "With --slurm: CPUs per shard task (its --jobs)")
      ->check(CLI::Range(1, 4096));
  cmd->add_option("--time", args.time_limit, "With --slurm: the time limit of each job (Slurm's --time)")
      ->type_name("T");
  cmd->add_flag("--wait", args.wait, "With --slurm: follow the jobs until the merge is done, then print the summary");
  cmd->add_option("--assignment", args.assignment,
                  "Grade an assignment: its exercises, points, due date, late policy and visibility "
                  "(a TOML file; see docs/assignment.md)")
      ->type_name("FILE");
  cmd->add_option("--submission-times", args.submission_times,
                  "When each student submitted (CSV: student,submitted), for the late policy; default: "
                  "the files' modification times")
      ->type_name("FILE");
  cmd->add_flag("--accept-near-names", args.accept_near_names,
                "Grade a file whose name is a near miss (threads/multiple_threads.py for multiple-threads)");
  cmd->add_flag("--allow-reduced-isolation", args.allow_reduced_isolation,
                "Grade even when runs would share your uid (tier B, not root): they could change others' grades");
  cmd->callback([&ctx, owned] { run_grade(ctx, *owned); });
}

}  // namespace exengine
