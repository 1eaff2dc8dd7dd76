#include "batch/batch_grader.h"

#include <sys/stat.h>

#include <algorithm>
#include <map>
#include <set>
#include <system_error>
#include <utility>

#include <fmt/format.h>

#include "batch/class_roster.h"
#include "batch/journal.h"
#include "batch/shard_stamp.h"
#include "batch/submission_opener.h"
#include "core/text.h"
#include "core/version.h"
#include "manifest/manifest.h"
#include "report/class_results.h"
#include "report/report_writer.h"
#include "core/utf8_escape.h"

namespace exengine {
namespace fs = std::filesystem;

namespace {

std::vector<std::string> extensions_for(const std::string& language) {
  if (language == "python") return {".py"};
  if (language == "cpp") return {".cpp", ".cc", ".cxx"};
  return {};
}

// A `missing` result for a file the engine did not read (a refused archive, a link, ...).
ExerciseResult not_read(const std::string& student, const Exercise& ex, std::string file, std::string message) {
  ExerciseResult r;
  r.exercise = ex.id;
  r.student = student;
  r.file = std::move(file);
  r.language = ex.languages.empty() ? "python" : ex.languages.front();
  r.verdict = Verdict::missing;
  r.max_score = ex.points;
  r.message = std::move(message);
  return r;
}

// A few problems are printed; a flood of them (10,000 stray files in the class folder) is the
// first kShownProblems and one summary line, and all of them go to OUT/problems.txt.
void log_problems(std::ostream& log, const std::vector<std::string>& problems, const fs::path& out_dir) {
  constexpr std::size_t kShownProblems = 10;
  if (problems.size() <= 2 * kShownProblems) {
    for (const auto& p : problems) log << "exengine: warning: " << escape_for_terminal(p) << "\n";
    return;
  }
  const fs::path file = out_dir / "problems.txt";
  for (std::size_t i = 0; i < kShownProblems; ++i) log << "exengine: warning: " << escape_for_terminal(problems[i]) << "\n";
  try {
    write_file_atomically(file, [&](std::ostream& out) {
      for (const auto& p : problems) out << escape_for_terminal(p) << "\n";
    });
    log << "exengine: warning: and " << (problems.size() - kShownProblems) << " more (all " << problems.size()
        << " in " << file.string() << ")\n";
  } catch (const ReportError&) {  // no file: then every line on the terminal, nothing lost
    for (std::size_t i = kShownProblems; i < problems.size(); ++i)
      log << "exengine: warning: " << escape_for_terminal(problems[i]) << "\n";
  }
}

}  // namespace

fs::path submission_file(const fs::path& root, const Exercise& exercise) {
  std::vector<std::string> languages = exercise.languages;
  if (languages.empty()) languages.push_back("python");
  fs::path first;
  for (const auto& language : languages) {
    for (const auto& ext : extensions_for(language)) {
      fs::path candidate = root / exercise.topic / (exercise.name + ext);
      if (first.empty()) first = candidate;
      std::error_code ec;
      if (fs::exists(fs::symlink_status(candidate, ec))) return candidate;  // a link too: refused later
    }
  }
  return first.empty() ? root / exercise.topic / (exercise.name + ".py") : first;
}

fs::path workspace_root(const fs::path& dir, const std::vector<std::string>& topics) {
  std::error_code ec;
  fs::path only;
  int count = 0;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (++count > 1) return dir;
    only = it->path();
  }
  if (count != 1 || !fs::is_directory(fs::symlink_status(only, ec))) return dir;
  const std::string name = only.filename().string();
  if (std::find(topics.begin(), topics.end(), name) != topics.end()) return dir;
  return only;
}

BatchGrader::BatchGrader(std::vector<const Exercise*> exercises, BatchScheduler::CheckFn check,
                         BatchOptions options, std::ostream& log, std::ostream& progress_out)
    : exercises_(std::move(exercises)),
      check_(std::move(check)),
      options_(std::move(options)),
      log_(log),
      progress_out_(progress_out) {
  std::sort(exercises_.begin(), exercises_.end(),
            [](const Exercise* a, const Exercise* b) { return a->id < b->id; });
}

BatchSummary BatchGrader::run() {
  BatchSummary summary;
  std::error_code ec;
  fs::create_directories(options_.out_dir, ec);
  if (ec) throw BatchOutputError(options_.out_dir.string() + ": cannot create the output folder: " + ec.message());

  ClassRoster roster;
  try {
    roster = scan_class(options_.class_dir, options_.out_dir);
  } catch (const std::exception& e) {
    throw BatchError(e.what());
  }
  summary.problems = roster.problems;

  // Filters and shard.
  for (const auto& wanted : options_.students) {
    bool known = std::any_of(roster.students.begin(), roster.students.end(),
                             [&](const StudentSource& s) { return s.name == wanted; });
    if (!known)
      throw BatchError("no student '" + escape_for_terminal(wanted) + "' in " + options_.class_dir.string());
  }
  std::vector<StudentSource> students;
  for (std::size_t i = 0; i < roster.students.size(); ++i) {
    const auto& s = roster.students[i];
    if (!options_.students.empty() &&
        std::find(options_.students.begin(), options_.students.end(), s.name) == options_.students.end())
      continue;
    if (!in_shard(i, options_.shard_k, options_.shard_n)) continue;
    students.push_back(s);
  }
  summary.students = students.size();

  const fs::path journal_path = options_.out_dir / "journal.jsonl";
  if (!options_.resume && fs::exists(journal_path, ec) && fs::file_size(journal_path, ec) > 0)
    throw BatchError(journal_path.string() +
                     " already holds results: add --resume to continue that run, or choose another --out");
  const std::vector<std::string> formats = options_.formats.empty() ? all_report_formats() : options_.formats;

  // Who this run is: checked against a resumed journal's stamp, then (re)written.
  ShardStamp stamp;
  stamp.k = options_.shard_k;
  stamp.n = options_.shard_n;
  stamp.engine = engine_version();
  // Names as the journal stores them (invalid UTF-8 escaped), so they compare with its results.
  for (const auto& s : roster.students) stamp.students.push_back(escape_invalid_utf8(s.name));
  stamp.class_hash = class_hash(stamp.students);
  for (const Exercise* ex : exercises_) stamp.exercises.push_back(ex->id);
  stamp.options = options_.grading_options.is_object() ? options_.grading_options : nlohmann::json::object();
  std::vector<std::string> filter;
  for (const auto& name : options_.students) filter.push_back(escape_invalid_utf8(name));
  std::sort(filter.begin(), filter.end());
  stamp.options["students"] = filter;
  const fs::path stamp_path = options_.out_dir / kShardStampFile;
  if (options_.resume && fs::exists(stamp_path, ec)) {
    ShardStamp before;
    try {
      before = read_shard_stamp(stamp_path);
    } catch (const ShardStampError& e) {
      throw BatchError(e.what());
    }
    std::string differs = before.same_run(stamp);
    if (differs.empty() && before.k != stamp.k) differs = "shard numbers";
    if (!differs.empty())
      throw BatchError(fmt::format("{}: --resume of another run ({} differ: it was shard {}/{}); choose another --out",
                                   stamp_path.string(), differs, before.k, before.n));
  }
  try {
    write_shard_stamp(stamp_path, stamp);
  } catch (const ShardStampError& e) {
    throw BatchOutputError(e.what());
  }

  Journal journal;
  JournalIndex previous;
  try {
    previous = journal.open(journal_path, options_.resume);
  } catch (const JournalError& e) {
    throw BatchOutputError(e.what());
  }
  if (previous.torn) log_ << "exengine: resuming: ignored the torn last line of " << journal_path.string() << "\n";
  for (int line : previous.bad_lines)
    log_ << "exengine: warning: " << journal_path.string() << ":" << line << ": unreadable result skipped\n";
  std::map<std::pair<std::string, std::string>, bool> done;  // -> the journal's (last) result failed
  for (const auto& r : previous.facts) done[{r.student, r.exercise}] = r.verdict != Verdict::passed;
  std::size_t resumed_failed = 0;
  previous.facts.clear();
  previous.facts.shrink_to_fit();

  std::vector<std::string> topics;
  for (const Exercise* ex : exercises_)
    if (std::find(topics.begin(), topics.end(), ex->topic) == topics.end()) topics.push_back(ex->topic);

  // Tasks: every submission is opened beneath its student's folder without following links, and
  // graded from the engine's own copy in DIR/work/<student>/ (archives are unpacked there), so
  // nothing a student can change or link to is read later. DIR/work is for the engine alone.
  const fs::path work = options_.out_dir / "work";
  fs::create_directories(work, ec);
  if (ec) throw BatchError(work.string() + ": cannot create the work folder: " + ec.message());
  ::chmod(work.c_str(), 0700);
  std::vector<GradeTask> tasks;
  std::vector<ExerciseResult> refused;  // results for what was not read (refused archives, links)
  for (const auto& s : students) {
    std::vector<const Exercise*> pending;
    for (const Exercise* ex : exercises_) {
      ++summary.tasks;
      if (auto it = done.find({s.name, ex->id}); it != done.end()) {
        ++summary.resumed;
        resumed_failed += it->second;
      } else {
        pending.push_back(ex);
      }
    }
    if (pending.empty()) continue;
    const std::string who = "student '" + escape_for_terminal(s.name) + "'";
    if (!s.refused.empty()) {
      summary.problems.push_back(who + ": not read: " + s.refused);
      for (const Exercise* ex : pending)
        refused.push_back(not_read(s.name, *ex, s.name, s.refused + ": not read (a student is a folder or an archive, not a link)"));
      continue;
    }
    const fs::path copy = work / s.name;
    fs::remove_all(copy, ec);
    fs::path root = s.folder;
    const bool from_archive = !s.archive.empty();
    if (from_archive) {
      try {
        extract_archive(s.archive, copy, options_.archive_limits);
        root = workspace_root(copy, topics);
      } catch (const ArchiveError& e) {
        summary.problems.push_back(who + ": archive refused: " + e.what());
        for (const Exercise* ex : pending)
          refused.push_back(not_read(s.name, *ex, s.archive.filename().string(), std::string("archive refused: ") + e.what()));
        continue;
      }
    }
    const SubmissionOpener opener(root);
    std::vector<std::string> refusals;
    for (const Exercise* ex : pending) {
      const fs::path file = submission_file(root, *ex);
      const fs::path rel = file.lexically_relative(root);
      GradeTask t;
      t.student = s.name;
      t.exercise_id = ex->id;
      t.exercise = ex;
      t.file = from_archive ? file : copy / rel;  // an unpacked archive already is the engine's copy
      t.display_name = s.name + "/" + rel.generic_string();
      const SubmissionOpener::Opened opened = opener.open(rel);
      std::string why;
      if (opened.status == SubmissionOpener::Status::refused || opened.status == SubmissionOpener::Status::error)
        why = opened.why;
      else if (opened.status == SubmissionOpener::Status::ok && !from_archive)
        why = SubmissionOpener::copy_to(opened, t.file, options_.archive_limits.max_file_bytes);
      if (!why.empty()) {
        refusals.push_back(escape_for_terminal(rel.generic_string()) + " " + why);
        refused.push_back(not_read(s.name, *ex, t.display_name, not_read_message(t.display_name, why)));
        continue;
      }
      tasks.push_back(std::move(t));  // missing: the checker says so, naming the file
    }
    if (!refusals.empty()) {
      std::string line = who + ": not read: ";
      for (std::size_t i = 0; i < refusals.size(); ++i) line += (i ? "; " : "") + refusals[i];
      summary.problems.push_back(std::move(line));
    }
  }
  log_problems(log_, summary.problems, options_.out_dir);

  ProgressMeter progress(progress_out_, options_.progress, summary.tasks, summary.resumed);
  progress.set_resumed_failed(resumed_failed);
  {
    std::map<std::string, std::size_t> coming;
    for (const auto& t : tasks) ++coming[t.exercise_id];
    for (const auto& r : refused) ++coming[r.exercise];
    for (const auto& [exercise, n] : coming) progress.expect(exercise, n);
  }
  // What a task cost (for the ETA): the wall time of its runs.
  auto cost_ms = [](const ExerciseResult& r) {
    double ms = 0;
    for (const auto& t : r.trials) ms += t.wall_ms;
    return r.trials.empty() ? r.wall_ms : ms;
  };
  try {
    for (const auto& r : refused) {
      journal.append(r, false);  // not read: free to grade again, no wait for the disk
      progress.record(true, r.exercise, 0);
    }
  } catch (const JournalError& e) {
    throw BatchOutputError(e.what());
  }
  summary.graded = refused.size();

  BatchScheduler scheduler(options_.scheduler);
  try {
    scheduler.run(tasks, check_, [&](const GradeTask& task, ExerciseResult&& result) {
      result.student = task.student;
      if (result.file.empty()) result.file = task.display_name;
      if (result.max_score == 0 && task.exercise) result.max_score = task.exercise->points;
      journal.append(result, result.verdict != Verdict::missing);  // missing: free to grade again
      ++summary.graded;
      progress.record(result.verdict != Verdict::passed, task.exercise_id, cost_ms(result));
    });
  } catch (const JournalError& e) {
    progress.finish();
    throw BatchOutputError(e.what());
  }
  progress.finish();
  summary.peak_running = scheduler.peak_running();
  try {
    journal.close();  // syncs what was appended unsynced
  } catch (const JournalError& e) {
    throw BatchOutputError(e.what());
  }

  // Reports: streamed from the whole journal, one student at a time.
  try {
    ClassResults results = class_results_from_journal(journal_path);
    summary.results = results.result_count();
    summary.passed = static_cast<std::size_t>(results.passed());
    summary.all_passed = summary.passed == summary.results;
    for (const auto& w : write_reports(results, options_.out_dir, formats)) log_ << "exengine: warning: " << w << "\n";
  } catch (const std::runtime_error& e) {  // JournalError, ReportError, a journal changed underneath
    throw BatchOutputError(e.what());
  }
  return summary;
}

}  // namespace exengine
