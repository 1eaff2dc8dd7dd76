// ClassResults: every ExerciseResult of a batch, deduplicated and sorted, with the views the
// report writers share (students, exercise columns, totals, pass rates, common failures).
//
// Contract
// - Built from results in any order (fresh, read back from journals, merged from shards); the
//   last result for a (student, exercise) pair wins. Everything it exposes is sorted by student
//   name, then exercise id (byte order), so every writer's output is a pure function of the set of
//   results: a resumed run's reports equal an uninterrupted run's.
// - `absent`: students the batch should have graded but whose results are not (all) here: a
//   `merge --partial` of an incomplete shard set. Sorted; every report names them.
// - Immutable after construction; safe to read from several threads.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "core/text.h"  // format_points

namespace exengine {

struct ExerciseColumn {
  std::string id;
  double max_score = 0;      // the largest max_score any result of it carries
  int attempted = 0;         // results (students) graded for it
  int passed = 0;
  std::map<std::string, int> verdicts;  // verdict name -> count
  // Failure messages (first line) with how many results carry them, most common first, then by
  // text; at most kTopFailures entries.
  std::vector<std::pair<std::string, int>> top_failures;
};

struct StudentRow {
  std::string name;
  double total = 0;
  double max_total = 0;
  int passed = 0;
  std::vector<const ExerciseResult*> results;  // sorted by exercise id; points into ClassResults
  // Under an assignment: the most days late of any result, the points deducted for lateness (sum),
  // and every file of the student's that matched no exercise (union, in the order of the results).
  int late_days = 0;
  double late_penalty = 0;
  std::vector<std::string> unmatched;
};

class ClassResults {
 public:
  static constexpr std::size_t kTopFailures = 3;

  ClassResults() = default;
  explicit ClassResults(std::vector<ExerciseResult> results, std::vector<std::string> absent = {});
  ClassResults(const ClassResults&) = delete;
  ClassResults& operator=(const ClassResults&) = delete;
  ClassResults(ClassResults&&) = default;

  const std::vector<ExerciseResult>& results() const { return results_; }  // sorted
  const std::vector<StudentRow>& students() const { return students_; }
  const std::vector<ExerciseColumn>& exercises() const { return exercises_; }
  const std::vector<std::string>& absent() const { return absent_; }
  // The result of `student` for `exercise`, or null.
  const ExerciseResult* find(const std::string& student, const std::string& exercise) const;
  int passed() const;                       // results that passed
  // Results whose behaviour requirements went unchecked because the probe could not attach (a
  // static binary): their message carries "probe unavailable: ". The TA looks at these by hand.
  std::vector<const ExerciseResult*> probe_unavailable() const;
  std::map<std::string, int> verdict_counts() const;
  // Whether any result was graded against a due date (the reports then show lateness).
  bool has_due_date() const { return has_due_; }

 private:
  std::vector<ExerciseResult> results_;
  std::vector<StudentRow> students_;
  std::vector<ExerciseColumn> exercises_;
  std::vector<std::string> absent_;
  bool has_due_ = false;
};

}  // namespace exengine
