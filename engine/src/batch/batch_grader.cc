#include "batch/batch_grader.h"

#include <algorithm>
#include <set>
#include <system_error>
#include <utility>

#include "batch/class_roster.h"
#include "batch/journal.h"
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

std::string relative_display(const std::string& student, const fs::path& root, const fs::path& file) {
  std::error_code ec;
  fs::path rel = fs::relative(file, root, ec);
  if (ec || rel.empty()) rel = file.filename();
  return student + "/" + rel.generic_string();
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
      if (fs::exists(candidate, ec)) return candidate;
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
  if (ec) throw BatchError(options_.out_dir.string() + ": cannot create the output folder: " + ec.message());

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
      throw BatchError("no student '" + escape_invalid_utf8(wanted) + "' in " + options_.class_dir.string());
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

  Journal journal;
  JournalContents previous;
  try {
    previous = journal.open(journal_path, options_.resume);
  } catch (const JournalError& e) {
    throw BatchError(e.what());
  }
  if (previous.torn) log_ << "exengine: resuming: ignored the torn last line of " << journal_path.string() << "\n";
  for (int line : previous.bad_lines)
    log_ << "exengine: warning: " << journal_path.string() << ":" << line << ": unreadable result skipped\n";
  std::set<std::pair<std::string, std::string>> done;
  for (const auto& r : previous.results) done.emplace(r.student, r.exercise);

  std::vector<std::string> topics;
  for (const Exercise* ex : exercises_)
    if (std::find(topics.begin(), topics.end(), ex->topic) == topics.end()) topics.push_back(ex->topic);

  // Tasks, unpacking the archives of students who still have work.
  std::vector<GradeTask> tasks;
  std::vector<ExerciseResult> refused;  // results for students whose archive was refused
  for (const auto& s : students) {
    std::vector<const Exercise*> pending;
    for (const Exercise* ex : exercises_) {
      ++summary.tasks;
      if (done.count({s.name, ex->id})) ++summary.resumed;
      else pending.push_back(ex);
    }
    if (pending.empty()) continue;
    fs::path root = s.folder;
    if (!s.archive.empty()) {
      const fs::path dest = options_.out_dir / "work" / s.name;
      fs::remove_all(dest, ec);
      try {
        extract_archive(s.archive, dest, options_.archive_limits);
        root = workspace_root(dest, topics);
      } catch (const ArchiveError& e) {
        const std::string problem = "student '" + escape_invalid_utf8(s.name) + "': archive refused: " + e.what();
        summary.problems.push_back(problem);
        for (const Exercise* ex : pending) {
          ExerciseResult r;
          r.exercise = ex->id;
          r.student = s.name;
          r.file = s.archive.filename().string();
          r.language = ex->languages.empty() ? "python" : ex->languages.front();
          r.verdict = Verdict::missing;
          r.max_score = ex->points;
          r.message = std::string("archive refused: ") + e.what();
          refused.push_back(std::move(r));
        }
        continue;
      }
    }
    for (const Exercise* ex : pending) {
      GradeTask t;
      t.student = s.name;
      t.exercise_id = ex->id;
      t.exercise = ex;
      t.file = submission_file(root, *ex);
      t.display_name = relative_display(s.name, root, t.file);
      tasks.push_back(std::move(t));
    }
  }
  for (const auto& p : summary.problems) log_ << "exengine: warning: " << p << "\n";

  ProgressMeter progress(progress_out_, options_.progress, summary.tasks, summary.resumed);
  try {
    for (const auto& r : refused) {
      journal.append(r);
      progress.record(true);
    }
  } catch (const JournalError& e) {
    throw BatchError(e.what());
  }
  summary.graded = refused.size();

  BatchScheduler scheduler(options_.scheduler);
  try {
    scheduler.run(tasks, check_, [&](const GradeTask& task, ExerciseResult&& result) {
      result.student = task.student;
      if (result.file.empty()) result.file = task.display_name;
      if (result.max_score == 0 && task.exercise) result.max_score = task.exercise->points;
      journal.append(result);
      ++summary.graded;
      progress.record(result.verdict != Verdict::passed);
    });
  } catch (const JournalError& e) {
    progress.finish();
    throw BatchError(e.what());
  }
  progress.finish();
  summary.peak_running = scheduler.peak_running();
  journal.close();

  // Reports: from the whole journal.
  JournalContents all;
  try {
    all = read_journal(journal_path);
  } catch (const JournalError& e) {
    throw BatchError(e.what());
  }
  ClassResults results(std::move(all.results));
  summary.results = results.results().size();
  summary.passed = static_cast<std::size_t>(results.passed());
  summary.all_passed = summary.passed == summary.results;
  try {
    for (const auto& w : write_reports(results, options_.out_dir, formats)) log_ << "exengine: warning: " << w << "\n";
  } catch (const ReportError& e) {
    throw BatchError(e.what());
  }
  return summary;
}

}  // namespace exengine
