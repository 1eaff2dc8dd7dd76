// ClassResults: the index of a batch's results, deduplicated and sorted, with the views the report
// writers share (students, exercise columns, totals, pass rates, common failures). It keeps a few
// facts per result (exercise, verdict, points, where the result is); the results themselves stay in
// their ResultSource (a journal on disk, or memory) and are loaded one student at a time, so the
// reports of a class are written in memory that does not grow with the size of the results.
//
// Contract
// - Built from results in any order (fresh, read back from journals, merged from shards); the
//   last result for a (student, exercise) pair wins. Everything it exposes is sorted by student
//   name, then exercise id (byte order), so every writer's output is a pure function of the set of
//   results: a resumed run's reports equal an uninterrupted run's.
// - `absent`: students the batch should have graded but whose results are not (all) here: a
//   `merge --partial` of an incomplete shard set. Sorted; every report names them.
// - Aggregates (verdict counts, columns, most common failures, probe-unavailable results) are
//   counted while it is built: no result is loaded for them.
// - load(row) reads that student's results from the source, sorted by exercise id; it throws what
//   the source throws (a journal that changed underneath: JournalError).
// - Immutable after construction; safe to read from several threads if the source is.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "core/text.h"  // format_points

namespace exengine {

// Where the full results are: `where` is the source's own handle (an index, a file offset).
class ResultSource {
 public:
  virtual ~ResultSource() = default;
  virtual ExerciseResult load(std::uint64_t where) const = 0;
};

// Results held in memory; `where` is the index into the vector.
class MemoryResultSource : public ResultSource {
 public:
  explicit MemoryResultSource(std::vector<ExerciseResult> results) : results_(std::move(results)) {}
  ExerciseResult load(std::uint64_t where) const override { return results_.at(where); }
  const std::vector<ExerciseResult>& results() const { return results_; }

 private:
  std::vector<ExerciseResult> results_;
};

// Several sources as one: `where` is (part << kPartShift) | the part's own handle.
class CombinedResultSource : public ResultSource {
 public:
  static constexpr int kPartShift = 48;
  static std::uint64_t handle(std::size_t part, std::uint64_t where) {
    return (static_cast<std::uint64_t>(part) << kPartShift) | where;
  }
  void add(std::shared_ptr<const ResultSource> part) { parts_.push_back(std::move(part)); }
  ExerciseResult load(std::uint64_t where) const override {
    return parts_.at(where >> kPartShift)->load(where & ((std::uint64_t{1} << kPartShift) - 1));
  }

 private:
  std::vector<std::shared_ptr<const ResultSource>> parts_;
};

// The few facts of one result the index keeps (about a hundred bytes, not the result's kilobytes).
struct ResultFacts {
  std::string student;
  std::string exercise;
  Verdict verdict = Verdict::internal_error;
  double score = 0;
  double max_score = 0;
  std::string failure;             // first line of the message (or the verdict) when not passed
  bool probe_unavailable = false;  // the message carries "probe unavailable: "
  // Less than full isolation (core/isolation.h): `shortfall` says what was missing; `recorded`:
  // the result recorded its isolation (results of older journals did not).
  bool reduced_isolation = false;  // not full, and recorded or the program ran
  bool reduced_recorded = false;   // recorded and not full
  std::string shortfall;
  // Under an assignment (batch/assignment): lateness, the student's unmatched files, whether a due
  // date applied; and the hash of what was graded (a resumed run regrades a changed file).
  int late_days = 0;
  double late_penalty = 0;
  bool has_due = false;
  std::vector<std::string> unmatched;
  std::string source_hash;
  std::uint64_t where = 0;

  static ResultFacts of(const ExerciseResult& r, std::uint64_t where);
};

struct ResultEntry {
  std::string exercise;
  Verdict verdict = Verdict::internal_error;
  double score = 0;
  double max_score = 0;
  std::uint64_t where = 0;
};

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
  std::vector<ResultEntry> results;  // sorted by exercise id
  const ResultEntry* find(const std::string& exercise) const;
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
  // In memory (tests, report.json shards): the results are kept in a MemoryResultSource.
  explicit ClassResults(std::vector<ExerciseResult> results, std::vector<std::string> absent = {});
  // From facts in file order (later facts win) over `source`.
  ClassResults(std::vector<ResultFacts> facts, std::shared_ptr<const ResultSource> source,
               std::vector<std::string> absent = {});
  ClassResults(const ClassResults&) = delete;
  ClassResults& operator=(const ClassResults&) = delete;
  ClassResults(ClassResults&&) = default;
  ClassResults& operator=(ClassResults&&) = default;

  const std::vector<StudentRow>& students() const { return students_; }
  const std::vector<ExerciseColumn>& exercises() const { return exercises_; }
  const std::vector<std::string>& absent() const { return absent_; }
  std::size_t result_count() const { return result_count_; }
  const StudentRow* find_student(const std::string& name) const;  // or null
  // The entry of `student` for `exercise`, or null.
  const ResultEntry* find(const std::string& student, const std::string& exercise) const;
  int passed() const { return passed_; }  // results that passed
  // Results whose behaviour requirements went unchecked because the probe could not attach (a
  // static binary): their message carries "probe unavailable: ". The TA looks at these by hand.
  // (student, exercise) pairs, sorted.
  const std::vector<std::pair<std::string, std::string>>& probe_unavailable() const { return probe_unavailable_; }
  const std::map<std::string, int>& verdict_counts() const { return verdict_counts_; }
  // Results with less than full isolation, per shortfall ("no cgroup memory and pids limits ..."),
  // and how many of them recorded it (the rest come from journals without the field).
  const std::map<std::string, int>& reduced_isolation() const { return reduced_isolation_; }
  int reduced_isolation_count() const { return reduced_isolation_count_; }
  int reduced_recorded_count() const { return reduced_recorded_count_; }

  // That student's results, sorted by exercise id, loaded from the source.
  std::vector<ExerciseResult> load(const StudentRow& row) const;
  // Every student in order with their loaded results; one student's results in memory at a time.
  void for_each_student(const std::function<void(const StudentRow&, const std::vector<ExerciseResult>&)>& fn) const;
  // Whether any result was graded against a due date (the reports then show lateness).
  bool has_due_date() const { return has_due_; }

 private:
  void build(std::vector<ResultFacts> facts);

  std::shared_ptr<const ResultSource> source_;
  std::vector<StudentRow> students_;
  std::vector<ExerciseColumn> exercises_;
  std::vector<std::string> absent_;
  std::size_t result_count_ = 0;
  int passed_ = 0;
  std::vector<std::pair<std::string, std::string>> probe_unavailable_;
  std::map<std::string, int> verdict_counts_;
  std::map<std::string, int> reduced_isolation_;
  int reduced_isolation_count_ = 0;
  int reduced_recorded_count_ = 0;
  bool has_due_ = false;
};

}  // namespace exengine
