#include "batch/batch_grader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include <algorithm>
#include <map>
#include <set>
#include <system_error>
#include <utility>

#include <fmt/format.h>

#include "batch/class_roster.h"
#include "batch/journal.h"
#include "batch/shard_stamp.h"
#include "batch/submission_matcher.h"
#include "batch/submission_opener.h"
#include "core/sha256.h"
#include "core/timestamp.h"
#include "core/text.h"
#include "core/version.h"
#include "manifest/manifest.h"
#include "report/class_results.h"
#include "report/report_writer.h"
#include "core/utf8_escape.h"

namespace exengine {
namespace fs = std::filesystem;

namespace {

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


// What an assignment and the intake add to one (student, exercise) result.
struct Adjustment {
  double points = -1;  // < 0: the lesson's
  bool partial_credit = true;
  std::string visibility;
  std::string due;
  Lateness late;
  std::vector<std::string> unmatched;
  std::string source_hash;
};

void adjust(ExerciseResult& r, const Adjustment& a) {
  if (a.points >= 0 || !a.partial_credit || a.late.percent > 0) {
    double fraction = r.max_score > 0 ? r.score / r.max_score : (r.verdict == Verdict::passed ? 1.0 : 0.0);
    if (!a.partial_credit && r.verdict != Verdict::passed) fraction = 0;
    if (a.points >= 0) r.max_score = a.points;
    const double earned = fraction * r.max_score;
    r.late_penalty = earned * a.late.percent / 100.0;
    r.score = earned - r.late_penalty;
  }
  r.late_days = a.late.days;
  r.visibility = a.visibility;
  r.due = a.due;
  r.unmatched = a.unmatched;
  r.source_hash = a.source_hash;
}

// SHA-256 of what a descriptor holds (read with pread: the descriptor's offset is left alone), of
// at most `limit` bytes and then the file's size (a huge file costs no more than a refused one);
// empty when it cannot be read.
std::string hash_fd(int fd, std::uint64_t limit) {
  Sha256 h;
  char buf[1 << 16];
  off_t at = 0;
  while (static_cast<std::uint64_t>(at) < limit) {
    const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(sizeof buf, limit - at));
    const ssize_t n = ::pread(fd, buf, want, at);
    if (n < 0) {
      if (errno == EINTR) continue;
      return {};
    }
    if (n == 0) break;
    h.update(std::string_view(buf, static_cast<std::size_t>(n)));
    at += n;
  }
  struct stat st {};
  if (::fstat(fd, &st) == 0) h.field(std::to_string(st.st_size));
  return h.hex();
}

// The same for an archive, opened without following a link; empty when it cannot be read.
std::string hash_file(const fs::path& file, std::uint64_t limit) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return {};
  std::string h = hash_fd(fd, limit);
  ::close(fd);
  return h;
}

// "a, b (did you mean c?), d and 4 more", names escaped for a terminal; `suggest`: file -> expected.
std::string file_list(const std::vector<std::string>& files, const std::map<std::string, std::string>& suggest,
                      std::size_t total) {
  constexpr std::size_t kShown = 10;
  std::string out;
  for (std::size_t i = 0; i < files.size() && i < kShown; ++i) {
    out += (i ? ", " : "") + escape_for_terminal(files[i]);
    if (auto it = suggest.find(files[i]); it != suggest.end()) out += " (did you mean " + it->second + "?)";
  }
  if (total > kShown) out += " and " + std::to_string(total - std::min(kShown, files.size())) + " more";
  return out;
}

}  // namespace

fs::path workspace_root(const fs::path& dir, const std::vector<std::string>& topics) {
  std::error_code ec;
  fs::path only;
  int count = 0;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string entry = it->path().filename().string();
    if (entry.empty() || entry[0] == '.' || entry == "__MACOSX") continue;  // junk zip tools add
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
    if (differs == "grading options") {
      if (!options_.regrade)
        throw BatchError(fmt::format("{}: --resume with other grading options: {}; add --regrade to grade every "
                                     "result again with them, or choose another --out",
                                     stamp_path.string(), before.option_differences(stamp)));
      differs.clear();
    }
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
  // Pairs already in the journal: their (last) verdict and the hash of what was graded. With
  // --regrade, none are kept (the options changed): every pair is graded again.
  struct Done {
    Verdict verdict;
    std::string hash;
  };
  std::map<std::pair<std::string, std::string>, Done> done;
  if (!options_.regrade)
    for (const auto& r : previous.facts) done[{r.student, r.exercise}] = {r.verdict, r.source_hash};
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
  std::map<std::pair<std::string, std::string>, Adjustment> adjustments;
  const Assignment* assignment = options_.assignment ? &*options_.assignment : nullptr;
  // The adjustment of one pair, before the intake adds the student's lateness and stray files.
  auto base_adjustment = [&](const Exercise& ex) {
    Adjustment a;
    if (!assignment) return a;
    if (const AssignmentExercise* ae = assignment->find(ex.id)) {
      if (ae->points) a.points = *ae->points;
      a.partial_credit = ae->partial_credit;
      a.visibility = ae->visibility;
    }
    if (assignment->due) a.due = format_timestamp(*assignment->due);
    return a;
  };
  auto late_at = [&](const StudentSource& s, std::int64_t mtime) {
    if (!assignment) return Lateness{};
    auto it = options_.submission_times.find(s.name);
    return lateness(*assignment, it != options_.submission_times.end() ? it->second : mtime);
  };
  // A pair in the journal is kept when its submission is unchanged: the same content hash (an
  // archive student's: the archive's). A missing file that now exists is graded.
  auto kept = [&](const std::string& student, const std::string& id, const std::string& hash) {
    auto d = done.find({student, id});
    if (d == done.end()) return false;
    const Done& was = d->second;
    if (was.hash == hash || (was.hash.empty() && was.verdict != Verdict::missing)) {  // empty: an older journal
      ++summary.resumed;
      resumed_failed += was.verdict != Verdict::passed;
      return true;
    }
    return false;
  };
  for (const auto& s : students) {
    summary.tasks += exercises_.size();
    const std::string who = "student '" + escape_for_terminal(s.name) + "'";
    std::vector<const Exercise*> pending;
    auto missing = [&](const Exercise& ex, std::string file, std::string message, const Adjustment& a) {
      ExerciseResult r = not_read(s.name, ex, std::move(file), std::move(message));
      adjust(r, a);
      refused.push_back(std::move(r));
    };
    if (!s.refused.empty()) {
      for (const Exercise* ex : exercises_)
        if (!kept(s.name, ex->id, "")) pending.push_back(ex);
      if (pending.empty()) continue;
      summary.problems.push_back(who + ": not read: " + s.refused);
      for (const Exercise* ex : pending)
        missing(*ex, s.name, s.refused + ": not read (a student is a folder or an archive, not a link)",
                base_adjustment(*ex));
      continue;
    }
    const fs::path copy = work / s.name;
    fs::path root = s.folder;
    const bool from_archive = !s.archive.empty();
    std::int64_t archive_mtime = 0;
    std::string archive_hash;
    if (from_archive) {
      struct stat st {};
      if (::lstat(s.archive.c_str(), &st) == 0) archive_mtime = st.st_mtime;
      archive_hash = hash_file(s.archive, options_.archive_limits.max_total_bytes);
      for (const Exercise* ex : exercises_)
        if (!kept(s.name, ex->id, archive_hash)) pending.push_back(ex);
      if (pending.empty()) continue;
      fs::remove_all(copy, ec);
      try {
        extract_archive(s.archive, copy, options_.archive_limits);
      } catch (const ArchiveError& e) {
        summary.problems.push_back(who + ": archive refused: " + e.what());
        for (const Exercise* ex : pending) {
          Adjustment adj = base_adjustment(*ex);
          adj.source_hash = archive_hash;
          missing(*ex, s.archive.filename().string(), std::string("archive refused: ") + e.what(), adj);
        }
        continue;
      }
      root = copy;
    }
    // A single wrapper folder (`hw3/threads/...`) is stripped, for archives and folders alike.
    const fs::path base = root;
    root = workspace_root(base, topics);
    const SubmissionMatch match = match_submission(root, exercises_, options_.accept_near_names);
    const SubmissionOpener opener(root);
    // A folder student's pairs: kept when the file's content is unchanged (hashed as opened,
    // beneath the folder without following links).
    std::map<std::string, std::string> file_hashes;
    if (!from_archive) {
      for (const Exercise* ex : exercises_) {
        const ExerciseMatch& m = match.by_exercise.at(ex->id);
        std::string hash;
        if (m.how != ExerciseMatch::How::none) {
          const SubmissionOpener::Opened opened = opener.open(m.relative);
          if (opened.status == SubmissionOpener::Status::ok) hash = hash_fd(opened.fd(), options_.archive_limits.max_file_bytes + 1);
        }
        file_hashes[ex->id] = hash;
        if (!kept(s.name, ex->id, hash)) pending.push_back(ex);
      }
      if (pending.empty()) continue;
      fs::remove_all(copy, ec);
    }
    for (const Exercise* ex : pending)
      if (done.count({s.name, ex->id}))
        summary.notes.push_back(who + ": " + ex->id + ": the submission changed since it was graded: graded again");
    if (root != base)
      summary.notes.push_back(who + ": graded from the folder " + escape_for_terminal(root.filename().string()) +
                              "/ (a single wrapper folder)");
    const std::string source = from_archive ? escape_for_terminal(s.archive.filename().string()) : "the folder";
    if (match.files == 0) {
      summary.problems.push_back(who + ": " + source + " is empty: nothing was submitted");
      for (const Exercise* ex : pending) {
        Adjustment adj = base_adjustment(*ex);
        adj.source_hash = archive_hash;
        missing(*ex, from_archive ? s.archive.filename().string() : s.name,
                (from_archive ? s.archive.filename().string() : s.name + "/") + " is empty: nothing was submitted",
                adj);
      }
      continue;
    }
    std::map<std::string, std::string> near_misses;  // the student's file -> the expected path
    for (const Exercise* ex : exercises_) {
      const ExerciseMatch& m = match.by_exercise.at(ex->id);
      const std::string expected = SubmissionMatch::expected_path(*ex);
      if (m.how == ExerciseMatch::How::flat)
        summary.notes.push_back(who + ": took " + escape_for_terminal(m.relative.generic_string()) + " for " + ex->id +
                                " (a flat file)");
      else if (m.how == ExerciseMatch::How::near)
        summary.notes.push_back(who + ": took " + escape_for_terminal(m.relative.generic_string()) + " for " +
                                expected + " (a near-miss name, --accept-near-names)");
      else if (!m.near_miss.empty())
        near_misses[m.near_miss] = expected;
    }
    if (!match.unmatched.empty())
      summary.problems.push_back(who + ": files that matched no exercise: " +
                                 file_list(match.unmatched, near_misses, match.unmatched_total) +
                                 (near_misses.empty() ? "" : "; rename, or grade with --accept-near-names"));

    std::vector<std::string> refusals;
    for (const Exercise* ex : pending) {
      const ExerciseMatch& m = match.by_exercise.at(ex->id);
      Adjustment adj = base_adjustment(*ex);
      adj.unmatched = match.unmatched;
      if (match.unmatched_total > match.unmatched.size())
        adj.unmatched.push_back("(and " + std::to_string(match.unmatched_total - match.unmatched.size()) + " more)");
      adj.source_hash = from_archive ? archive_hash : file_hashes[ex->id];
      const std::string expected = SubmissionMatch::expected_path(*ex);
      const fs::path rel = m.how == ExerciseMatch::How::none ? fs::path(expected) : m.relative;
      const std::string display = s.name + "/" + rel.generic_string();
      if (m.how == ExerciseMatch::How::none && !m.near_miss.empty()) {
        missing(*ex, display,
                expected + " is missing; " + m.near_miss +
                    " is a near-miss name: rename it, or grade with --accept-near-names",
                adj);
        continue;
      }
      GradeTask t;
      t.student = s.name;
      t.exercise_id = ex->id;
      t.exercise = ex;
      t.file = from_archive ? root / rel : copy / rel;  // an unpacked archive already is the engine's copy
      t.display_name = display;
      const SubmissionOpener::Opened opened = opener.open(rel);
      std::string why;
      if (opened.status == SubmissionOpener::Status::refused || opened.status == SubmissionOpener::Status::error)
        why = opened.why;
      else if (opened.status == SubmissionOpener::Status::ok && !from_archive)
        why = SubmissionOpener::copy_to(opened, t.file, options_.archive_limits.max_file_bytes);
      if (!why.empty()) {
        refusals.push_back(escape_for_terminal(rel.generic_string()) + " " + why);
        missing(*ex, t.display_name, not_read_message(t.display_name, why), adj);
        continue;
      }
      if (opened.status == SubmissionOpener::Status::ok)
        adj.late = late_at(s, from_archive ? archive_mtime : static_cast<std::int64_t>(opened.st.st_mtime));
      adjustments[{s.name, ex->id}] = std::move(adj);
      tasks.push_back(std::move(t));  // missing: the checker says so, naming the file
    }
    if (!refusals.empty()) {
      std::string line = who + ": not read: ";
      for (std::size_t i = 0; i < refusals.size(); ++i) line += (i ? "; " : "") + refusals[i];
      summary.problems.push_back(std::move(line));
    }
  }
  for (const auto& n : summary.notes) log_ << "exengine: note: " << n << "\n";
  log_problems(log_, summary.problems, options_.out_dir);

  ProgressMeter progress(progress_out_, options_.progress, summary.tasks, summary.resumed, resumed_failed);
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
      if (auto a = adjustments.find({task.student, task.exercise_id}); a != adjustments.end()) adjust(result, a->second);
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
