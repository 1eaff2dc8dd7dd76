// BatchGrader: `exengine grade CLASS_DIR --out DIR`, minus the command line: finds the students,
// unpacks archives into DIR/work/<student>/, grades every (student, exercise) pair not yet in the
// journal on a BatchScheduler, journals each result before counting it, and writes the reports
// from the journal.
//
// Contract
// - Inputs are checked before anything runs; a bad one throws BatchError (one line, exit 2). A
//   journal, stamp or report that cannot be written throws BatchOutputError (exit 3).
// - Before grading, DIR/shard.json records who this run is (shard_stamp.h): `resume` refuses a
//   journal whose stamp says it belongs to another shard or to other grading options.
// - Submissions are read safely (submission_opener.h): each file is opened beneath its student's
//   folder without following links and copied into DIR/work/<student>/ (mode 0700 for DIR/work),
//   and the runs are graded from that copy. A symbolic link, a file with more than one hard link, a
//   device, FIFO or socket is not read: that exercise gets a `missing` result saying why, the
//   student one warning line naming every such file, and everyone else is graded as usual.
// - Student strings (names, file and archive entry names) are escaped for a terminal in every
//   warning (escape_for_terminal), as they are in results.
// - Nothing finished is lost: a result is in DIR/journal.jsonl (fsync'd) before the progress meter
//   counts it. A student whose archive is refused gets, for each exercise, a `missing` result whose
//   message names the archive problem; the other students are graded normally. An exception from
//   `check` becomes an internal-error result for that pair only.
// - Resume: with `resume`, pairs already in the journal are not graded again, unless the
//   submission changed: each result records the SHA-256 of the file graded (an archive student's:
//   of the archive), and a pair whose file now hashes differently (or a missing file that now
//   exists) is graded again, with a note; the later result wins in the reports. The reports are
//   always written from the whole journal (a pure function of it), so a resumed run's reports
//   equal an uninterrupted run's.
// - Without `resume`, an out folder whose journal already holds results is refused (a batch's
//   results are never thrown away by accident).
// - The reports are streamed from the journal one student at a time (class_results_from_journal):
//   memory does not grow with the size of the results, only with their count (a small index).
// - `check` must be thread-safe (see BatchScheduler). Log lines (problems, summary) go to `log`,
//   the progress display to `progress_out`. More than 20 problems (a class folder full of stray
//   files) are the first 10 and one line naming OUT/problems.txt, which holds them all.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "batch/archive_extractor.h"
#include "batch/batch_scheduler.h"
#include "batch/progress_meter.h"
#include "batch/submission_times.h"
#include "manifest/assignment.h"

#include <nlohmann/json.hpp>

namespace exengine {

struct Exercise;

class BatchError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};
// The output folder cannot be written (journal, shard stamp, reports).
class BatchOutputError : public BatchError {
 public:
  using BatchError::BatchError;
};

struct BatchOptions {
  std::filesystem::path class_dir;
  std::filesystem::path out_dir;
  std::vector<std::string> students;   // empty: all
  bool resume = false;
  // With resume: grade every pair again (under new grading options), appending to the journal;
  // without it, a resume whose grading options differ from the journal's is refused, naming them.
  bool regrade = false;
  int shard_k = 1, shard_n = 1;
  std::vector<std::string> formats;    // report formats (report_writer.h); empty: all
  // What else decides the verdicts (trials, stress, limits, tier), recorded in DIR/shard.json.
  nlohmann::json grading_options = nlohmann::json::object();
  SchedulerOptions scheduler = default_scheduler_options();
  ProgressMeter::Mode progress = ProgressMeter::Mode::lines;
  ArchiveLimits archive_limits;
  // An assignment (manifest/assignment.h): its points, partial credit, visibility and late policy
  // are applied to every result (the exercises given to BatchGrader are then its exercises).
  std::optional<Assignment> assignment;
  // When each student submitted, for the late policy; a student not in it (or no times at all):
  // the modification time of each submission file, or of the student's archive.
  SubmissionTimes submission_times;
  bool accept_near_names = false;  // take a near-miss file name as the exercise's (submission_matcher.h)
};

struct BatchSummary {
  std::size_t students = 0;      // in this run (after filters and shard)
  std::size_t tasks = 0;         // (student, exercise) pairs in this run
  std::size_t resumed = 0;       // of those, already in the journal
  std::size_t graded = 0;        // graded by this process
  std::size_t results = 0;       // results in the reports (the whole journal)
  std::size_t passed = 0;        // of those, passed
  bool all_passed = false;       // every result in the reports passed
  std::vector<std::string> problems;  // per-student problems (refused archives, ignored entries)
  std::vector<std::string> notes;     // per-student repairs (a wrapper folder, flat files, near names)
  int peak_running = 0;
};

class BatchGrader {
 public:
  // `exercises`: what to grade for every student (already filtered), in any order.
  BatchGrader(std::vector<const Exercise*> exercises, BatchScheduler::CheckFn check, BatchOptions options,
              std::ostream& log, std::ostream& progress_out);
  BatchSummary run();

 private:
  std::vector<const Exercise*> exercises_;
  BatchScheduler::CheckFn check_;
  BatchOptions options_;
  std::ostream& log_;
  std::ostream& progress_out_;
};

// The folder a student's workspace starts in (an unpacked archive or a student's folder): `dir`
// itself, or its only subfolder when `dir` holds nothing else (hidden entries and `__MACOSX` aside)
// and that subfolder is not a topic (a zipped `alice/threads/...`, a folder `heidi/hw3/threads/...`).
// A symbolic link is never taken for the subfolder.
std::filesystem::path workspace_root(const std::filesystem::path& dir, const std::vector<std::string>& topics);

}  // namespace exengine
