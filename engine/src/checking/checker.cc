#include "checking/checker.h"

#include <algorithm>
#include <fstream>
#include <system_error>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/text.h"
#include "checking/diagnosis.h"
#include "core/interpreter.h"
#include "plugin_host/catalog.h"
#include "behaviour/probe_record.h"
#include "behaviour/probe_setup.h"
#include "behaviour/requirements.h"
#include "runner/process_runner.h"
#include "runner/run_directory.h"
#include "runner/run_verdict.h"
#include "toolchain/cpp_run.h"
#include "toolchain/toolchains.h"

namespace exengine {
namespace fs = std::filesystem;

std::string language_for_file(const fs::path& file) {
  const std::string ext = file.extension().string();
  if (ext == ".py") return "python";
  if (ext == ".cpp" || ext == ".cc" || ext == ".cxx") return "cpp";
  return {};
}

namespace {

// The program to run for a submission, or why there is none.
struct Program {
  RunSpec spec;
  std::optional<ExerciseResult> failure;  // set when the program cannot be run (e.g. compile-error)
};

ExerciseResult base_result(const Exercise& ex, const CheckRequest& req, const std::string& language) {
  ExerciseResult r;
  r.exercise = ex.id;
  r.language = language;
  r.file = req.display_name.empty() ? req.file.string() : req.display_name;
  r.student = req.student;
  r.max_score = ex.points;
  return r;
}

std::vector<std::pair<std::string, std::string>> base_environment() {
  return {
      {"PATH", "/usr/local/bin:/usr/bin:/bin"},
      {"LANG", "C.UTF-8"},
      {"LC_ALL", "C.UTF-8"},
      {"PYTHONDONTWRITEBYTECODE", "1"},
      {"PYTHONIOENCODING", "utf-8"},
  };
}

// The result for an exercise whose grader failed to build (its plugin's problem was reported).
ExerciseResult no_grader(ExerciseResult result) {
  result.verdict = Verdict::internal_error;
  result.message = fmt::format("exercise {} has no working grader (see the warning above about its plugin)",
                               result.exercise);
  return result;
}

// The grader's part of a finished run, the one path `check` and `judge` share: the grader's outcome
// (an exception: internal-error naming the grader), a wrong output explained by a worker that died,
// and for a passed output the behaviour requirements against `record` (unchecked ones noted, with
// `no_probe_reason` when the probe was missing). The score is the grader's, 0 when the verdict is
// not passed by the grader's own account or a requirement failed.
GradeOutcome grade_output(const Grader& grader, const Exercise& ex, const GradeInput& in, const ProbeRecord& record,
                          const std::string& no_probe_reason) {
  GradeOutcome g;
  try {
    g = grader.grade(in);
  } catch (const std::exception& e) {
    g = {Verdict::internal_error, 0, fmt::format("grader '{}' threw: {}", ex.grader.name, e.what()), {}};
  }
  if (g.verdict == Verdict::internal_error) g.score = 0;
  if (g.verdict == Verdict::wrong_output) {
    // A thread or worker that died explains most wrong outputs better than the diff does; some
    // mistakes explain it entirely, and then the grader's guess goes.
    if (std::string lead = leading_worker_error(in.errors); !lead.empty()) g.message = lead;
    else if (std::string shared = diagnose_record(record); !shared.empty()) g.message = shared;
    else if (std::string why = diagnose_worker_errors(in.errors); !why.empty()) g.message += " (" + why + ")";
  }
  if (g.verdict == Verdict::passed) {
    const RequirementsCheck rc = check_requirements(ex.requires_, record);
    if (rc.failed()) {
      g.verdict = Verdict::wrong_output;
      g.message = rc.message();
      g.score = 0;
    } else if (std::string note = rc.unchecked_note(); !note.empty()) {
      if (!no_probe_reason.empty()) note += " (" + no_probe_reason + ")";
      g.message += (g.message.empty() ? "" : "; ") + note;  // "probe unavailable: …"
    }
  }
  return g;
}

// The submission's text (its first MiB), for a message that names what it wrote.
std::string read_source(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::string text(1 << 20, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(std::max<std::streamsize>(0, in.gcount())));
  return text;
}

}  // namespace

Checker::Checker(const Catalog& catalog, ProcessRunner& runner, CheckOverrides overrides)
    : catalog_(catalog), runner_(runner), overrides_(std::move(overrides)) {
  ToolchainOptions options;
  options.file = overrides_.toolchains_file;
  options.settings = overrides_.toolchain_settings;
  options.cache_dir = overrides_.cache_dir;
  toolchains_ = std::make_shared<Toolchains>(catalog_.paths(), runner_, std::move(options));
}

ExerciseResult Checker::check(const CheckRequest& req) const {
  const Exercise& ex = *req.exercise;
  const std::string language = req.language.empty() ? language_for_file(req.file) : req.language;
  ExerciseResult result = base_result(ex, req, language);
  std::error_code ec;
  if (!fs::is_regular_file(req.file, ec)) {
    result.verdict = Verdict::missing;
    result.message = fs::exists(req.file, ec) ? fmt::format("{} is not a regular file", result.file)
                                              : fmt::format("no file {} (start from the starter: exengine show {})",
                                                            result.file, ex.id);
    return result;
  }
  if (language.empty() || std::find(ex.languages.begin(), ex.languages.end(), language) == ex.languages.end()) {
    result.verdict = Verdict::missing;
    result.message = fmt::format("{} takes {} submissions; {} is not one", ex.id, fmt::join(ex.languages, ", "), result.file);
    return result;
  }
  const Grader* grader = catalog_.grader(ex);
  if (!grader) return no_grader(std::move(result));

  Program program;
  program.spec.env = base_environment();
  program.spec.cancel = req.cancel;
  program.spec.limits.wall_s = ex.timeout_s.value_or(program.spec.limits.wall_s);
  ex.limits.apply_to(program.spec.limits);
  for (const LoadedPlugin& p : catalog_.plugins()) program.spec.hidden.push_back(p.manifest.dir);  // expected answers
  overrides_.limits.apply_to(program.spec.limits);
  const std::string name = req.file.filename().string();
  program.spec.inputs.push_back({fs::absolute(req.file), name});
  Toolchain toolchain;
  try {
    const LoadedPlugin* plugin = catalog_.plugin_of(ex);
    toolchain = toolchains_->toolchain(language, plugin ? plugin->manifest.dir : fs::path());
  } catch (const ToolchainError& e) {
    result.verdict = Verdict::internal_error;
    result.message = e.what();
    return result;
  }
  program.spec.system.assign(toolchain.sandbox_paths.begin(), toolchain.sandbox_paths.end());
  const bool race = language == "cpp" && overrides_.race.value_or(ex.race);
  if (language == "python") {
    const std::string& python = toolchain.interpreter.empty() ? python_interpreter() : toolchain.interpreter;
    if (python.empty()) {
      result.verdict = Verdict::internal_error;
      result.message = "no python3 interpreter found (install it: apt-get install python3)";
      return result;
    }
    program.spec.argv = {python, name};
  } else if (language == "cpp") {
    program.spec.inputs.clear();  // the binary runs from the compile cache
    if (!prepare_cpp_run(*toolchains_, toolchain, req.file, race, runner_.tier(), program.spec, result)) return result;
  } else {
    result.verdict = Verdict::internal_error;
    result.message = fmt::format("the {} toolchain is not available in this engine build", language);
    return result;
  }

  const int trials = std::max(1, overrides_.trials.value_or(ex.trials));
  const bool stress = overrides_.stress.value_or(ex.stress);
  double fraction = 1.0;  // the lowest grader score over the trials; 0 once a run fails outright
  for (int t = 0; t < trials; ++t) {
    TrialResult trial;
    RunSpec spec = program.spec;
    ProbeOptions probe_options;
    probe_options.language = language;
    probe_options.program = spec.argv.front();
    probe_options.tier = runner_.tier();
    if (stress) probe_options.stress_seed = overrides_.seed.value_or(new_stress_seed());
    const ProbePlan plan = probe_setup(probe_options, catalog_.paths());
    spec.env.insert(spec.env.end(), plan.env.begin(), plan.env.end());
    spec.channels.insert(spec.channels.end(), plan.channels.begin(), plan.channels.end());
    spec.readable.insert(spec.readable.end(), plan.readable.begin(), plan.readable.end());
    trial.seed = plan.seed.value_or(0);
    RunOutcome run = runner_.run(spec);
    if (run.cancelled) {
      result.verdict = Verdict::internal_error;
      result.message = "cancelled: a newer save is checked instead";
      result.trials.clear();
      return result;
    }
    run.err = learner_paths(run.err, RunDirectory::root().string(), name, result.file);
    ProbeRecord record = read_probe_record(run, plan);
    note_output(record, run.out);
    trial.probe_json = record.json;
    result.tier = run.tier;
    // The least isolation of the trials: a reduced one is never hidden by a full one after it.
    if (t == 0 || !run.isolation.full()) result.isolation = run.isolation;
    trial.exit_code = run.exit_code;
    trial.signal = run.signal;
    trial.wall_ms = run.wall_ms;
    trial.cpu_ms = run.cpu_ms;
    trial.peak_rss_kb = run.peak_rss_kb;
    trial.stdout_text = run.out.substr(0, kStoredOutputCap);
    for (const OutputChunk& c : run.timeline)
      if (c.offset < trial.stdout_text.size()) trial.stdout_timeline.push_back(c);
    trial.stderr_text = run.err.substr(0, kStoredOutputCap);
    if (auto v = run_verdict(run, spec.limits)) {
      fraction = 0;
      trial.verdict = v->verdict;
      trial.message = v->message;
      if (trial.verdict == Verdict::runtime_error || trial.verdict == Verdict::timeout) {
        // A crash explains itself on stderr; a timeout may show a known mistake there (a Pool
        // without the __main__ guard), or else the exercise author's hint for slow runs.
        std::string why = trial.verdict == Verdict::runtime_error ? diagnose_stderr(run.err, language)
                                                                  : known_mistake_hint(run.err);
        if (trial.verdict == Verdict::timeout && why.empty()) why = timeout_hint(ex.grader);
        if (!why.empty()) trial.message += ": " + why;
      }
      if (race) {
        if (std::string tsan = race_message(run.err, req.file); !tsan.empty()) {
          trial.verdict = Verdict::runtime_error;
          trial.message = tsan;
        }
      }
    } else {
      GradeInput in;
      in.output = run.out;
      in.errors = run.err;
      in.exit_code = run.exit_code;
      in.signal = run.signal;
      in.wall_ms = run.wall_ms;
      in.language = language;
      in.exercise_id = ex.id;
      in.timeline = &run.timeline;
      const GradeOutcome g = grade_output(*grader, ex, in, record, plan.missing_reason());
      trial.verdict = g.verdict;
      trial.message = g.message;
      if (language == "python" && g.message.find("`target=f`") != std::string::npos)
        trial.message = name_thread_target(g.message, read_source(req.file));
      trial.diff = g.diff;
      fraction = std::min(fraction, g.score);
    }
    result.trials.push_back(std::move(trial));
    if (result.trials.back().verdict == Verdict::timeout) break;  // another trial would only wait again
  }

  // The first failing trial decides; otherwise the last.
  const TrialResult* decisive = &result.trials.back();
  for (const TrialResult& t : result.trials) {
    if (t.verdict == Verdict::passed) ++result.trials_passed;
  }
  for (const TrialResult& t : result.trials) {
    if (t.verdict != Verdict::passed) {
      decisive = &t;
      break;
    }
  }
  result.verdict = decisive->verdict;
  result.message = decisive->message;
  result.diff = decisive->diff;
  result.exit_code = decisive->exit_code;
  result.signal = decisive->signal;
  result.wall_ms = decisive->wall_ms;
  result.cpu_ms = decisive->cpu_ms;
  result.peak_rss_kb = decisive->peak_rss_kb;
  result.stdout_text = decisive->stdout_text;
  result.stdout_timeline = decisive->stdout_timeline;
  result.stderr_text = decisive->stderr_text;
  result.probe_json = decisive->probe_json;
  if (result.trials.size() > 1 && result.verdict != Verdict::passed)
    result.message = fmt::format("trial {} of {} failed ({} of {} passed): {}",
                                 (decisive - result.trials.data()) + 1, trials, result.trials_passed, trials,
                                 result.message);
  // A stressed failure can be replayed: the seed is part of what the learner sees.
  if (result.verdict != Verdict::passed && decisive->seed != 0)
    result.message += fmt::format(" (stress seed {0}: replay with --stress --seed {0})", decisive->seed);
  result.score = fraction * ex.points;
  return result;
}

ExerciseResult Checker::judge(const Exercise& ex, const std::string& output) const {
  return judge_output(catalog_, ex, output);
}

ExerciseResult judge_output(const Catalog& catalog, const Exercise& ex, const std::string& output) {
  ExerciseResult result;
  result.exercise = ex.id;
  result.max_score = ex.points;
  result.stdout_text = output.substr(0, kStoredOutputCap);
  const Grader* grader = catalog.grader(ex);
  if (!grader) return no_grader(std::move(result));
  GradeInput in;
  in.output = output;
  in.exercise_id = ex.id;
  // No run, so no probe: the behaviour requirements are unchecked, as for a run without a probe.
  const GradeOutcome g = grade_output(*grader, ex, in, ProbeRecord{}, "judge grades a captured output, no run");
  result.verdict = g.verdict;
  result.message = g.message;
  result.diff = g.diff;
  result.score = g.score * ex.points;
  return result;
}

}  // namespace exengine
