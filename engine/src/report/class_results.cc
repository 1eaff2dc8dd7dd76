#include "report/class_results.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <tuple>

namespace exengine {
namespace {

std::string first_line(const std::string& text) {
  auto nl = text.find('\n');
  return nl == std::string::npos ? text : text.substr(0, nl);
}

std::vector<ResultFacts> facts_of(const std::vector<ExerciseResult>& results) {
  std::vector<ResultFacts> out;
  out.reserve(results.size());
  for (std::size_t i = 0; i < results.size(); ++i) out.push_back(ResultFacts::of(results[i], i));
  return out;
}

}  // namespace

ResultFacts ResultFacts::of(const ExerciseResult& r, std::uint64_t where) {
  ResultFacts f;
  f.student = r.student;
  f.exercise = r.exercise;
  f.verdict = r.verdict;
  f.score = r.score;
  f.max_score = r.max_score;
  if (r.verdict != Verdict::passed) {
    f.failure = first_line(r.message);
    if (f.failure.empty()) f.failure = std::string(to_string(r.verdict));
  }
  f.probe_unavailable = r.message.find("probe unavailable: ") != std::string::npos;
  // A verdict of a program that ran (not: missing, compile-error, or an internal error before a run).
  const bool ran = r.verdict != Verdict::missing && r.verdict != Verdict::compile_error &&
                   r.verdict != Verdict::internal_error;
  f.reduced_isolation = !r.isolation.full() && (r.isolation.recorded() || ran);
  f.reduced_recorded = r.isolation.recorded() && !r.isolation.full();
  if (f.reduced_isolation) f.shortfall = r.isolation.shortfall();
  f.late_days = r.late_days;
  f.late_penalty = r.late_penalty;
  f.has_due = !r.due.empty();
  f.unmatched = r.unmatched;
  f.source_hash = r.source_hash;
  f.where = where;
  return f;
}

const ResultEntry* StudentRow::find(const std::string& exercise) const {
  auto it = std::lower_bound(results.begin(), results.end(), exercise,
                             [](const ResultEntry& e, const std::string& key) { return e.exercise < key; });
  return it == results.end() || it->exercise != exercise ? nullptr : &*it;
}

ClassResults::ClassResults(std::vector<ExerciseResult> results, std::vector<std::string> absent)
    : absent_(std::move(absent)) {
  std::vector<ResultFacts> facts = facts_of(results);
  source_ = std::make_shared<MemoryResultSource>(std::move(results));
  build(std::move(facts));
}

ClassResults::ClassResults(std::vector<ResultFacts> facts, std::shared_ptr<const ResultSource> source,
                           std::vector<std::string> absent)
    : source_(std::move(source)), absent_(std::move(absent)) {
  build(std::move(facts));
}

void ClassResults::build(std::vector<ResultFacts> facts) {
  std::sort(absent_.begin(), absent_.end());
  absent_.erase(std::unique(absent_.begin(), absent_.end()), absent_.end());
  // Sorted by (student, exercise, file order) through an index (no copy of the facts); the last
  // of each run of equal keys wins.
  std::vector<std::uint32_t> order(facts.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return std::tie(facts[a].student, facts[a].exercise, a) < std::tie(facts[b].student, facts[b].exercise, b);
  });
  std::map<std::string, ExerciseColumn> columns;
  std::map<std::string, std::map<std::string, int>> failures;
  for (std::size_t k = 0; k < order.size(); ++k) {
    const std::uint32_t i = order[k];
    if (k + 1 < order.size() && facts[order[k + 1]].student == facts[i].student &&
        facts[order[k + 1]].exercise == facts[i].exercise)
      continue;
    ResultFacts& r = facts[i];
    ++result_count_;
    if (students_.empty() || students_.back().name != r.student) {
      StudentRow fresh;
      fresh.name = r.student;
      students_.push_back(std::move(fresh));
    }
    StudentRow& row = students_.back();
    row.total += r.score;
    row.max_total += r.max_score;
    if (r.verdict == Verdict::passed) {
      ++row.passed;
      ++passed_;
    }
    ++verdict_counts_[std::string(to_string(r.verdict))];
    if (r.probe_unavailable) probe_unavailable_.emplace_back(r.student, r.exercise);
    if (r.reduced_isolation) {
      ++reduced_isolation_[r.shortfall];
      ++reduced_isolation_count_;
    }
    if (r.reduced_recorded) ++reduced_recorded_count_;
    row.late_days = std::max(row.late_days, r.late_days);
    row.late_penalty += r.late_penalty;
    for (const auto& f : r.unmatched)
      if (std::find(row.unmatched.begin(), row.unmatched.end(), f) == row.unmatched.end()) row.unmatched.push_back(f);
    if (r.has_due) has_due_ = true;

    ExerciseColumn& col = columns[r.exercise];
    col.id = r.exercise;
    col.max_score = std::max(col.max_score, r.max_score);
    ++col.attempted;
    if (r.verdict == Verdict::passed) ++col.passed;
    ++col.verdicts[std::string(to_string(r.verdict))];
    if (r.verdict != Verdict::passed) ++failures[r.exercise][r.failure];

    ResultEntry entry;
    entry.exercise = std::move(r.exercise);
    entry.verdict = r.verdict;
    entry.score = r.score;
    entry.max_score = r.max_score;
    entry.where = r.where;
    row.results.push_back(std::move(entry));
  }
  for (auto& [id, col] : columns) {
    std::vector<std::pair<std::string, int>> top(failures[id].begin(), failures[id].end());
    std::stable_sort(top.begin(), top.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    if (top.size() > kTopFailures) top.resize(kTopFailures);
    col.top_failures = std::move(top);
    exercises_.push_back(std::move(col));
  }
}

const StudentRow* ClassResults::find_student(const std::string& name) const {
  auto it = std::lower_bound(students_.begin(), students_.end(), name,
                             [](const StudentRow& row, const std::string& key) { return row.name < key; });
  return it == students_.end() || it->name != name ? nullptr : &*it;
}

const ResultEntry* ClassResults::find(const std::string& student, const std::string& exercise) const {
  const StudentRow* row = find_student(student);
  return row ? row->find(exercise) : nullptr;
}

std::vector<ExerciseResult> ClassResults::load(const StudentRow& row) const {
  std::vector<ExerciseResult> out;
  out.reserve(row.results.size());
  for (const ResultEntry& e : row.results) {
    out.push_back(source_->load(e.where));
    // The source read again must hold what the index was built from (a journal that changed
    // underneath would otherwise put one student's result in another's report).
    if (out.back().student != row.name || out.back().exercise != e.exercise)
      throw std::runtime_error("the results changed while the reports were written (" + escape_for_terminal(row.name) +
                               " " + escape_for_terminal(e.exercise) + " is no longer where it was)");
  }
  return out;
}

void ClassResults::for_each_student(
    const std::function<void(const StudentRow&, const std::vector<ExerciseResult>&)>& fn) const {
  for (const StudentRow& row : students_) fn(row, load(row));
}

}  // namespace exengine
