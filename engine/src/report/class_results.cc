#include "report/class_results.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <tuple>

namespace exengine {
namespace {

std::string first_line(const std::string& text) {
  auto nl = text.find('\n');
  return nl == std::string::npos ? text : text.substr(0, nl);
}

}  // namespace

ClassResults::ClassResults(std::vector<ExerciseResult> results, std::vector<std::string> absent)
    : absent_(std::move(absent)) {
  std::sort(absent_.begin(), absent_.end());
  absent_.erase(std::unique(absent_.begin(), absent_.end()), absent_.end());
  // Last one wins: stable sort, then keep the last of each run of equal keys.
  std::stable_sort(results.begin(), results.end(), [](const ExerciseResult& a, const ExerciseResult& b) {
    return std::tie(a.student, a.exercise) < std::tie(b.student, b.exercise);
  });
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (i + 1 < results.size() && results[i + 1].student == results[i].student &&
        results[i + 1].exercise == results[i].exercise)
      continue;
    results_.push_back(std::move(results[i]));
  }

  std::map<std::string, ExerciseColumn> columns;
  std::map<std::string, std::map<std::string, int>> failures;
  for (const auto& r : results_) {
    if (students_.empty() || students_.back().name != r.student) {
      StudentRow fresh;
      fresh.name = r.student;
      students_.push_back(std::move(fresh));
    }
    StudentRow& row = students_.back();
    row.total += r.score;
    row.max_total += r.max_score;
    if (r.verdict == Verdict::passed) ++row.passed;
    row.results.push_back(&r);
    row.late_days = std::max(row.late_days, r.late_days);
    row.late_penalty += r.late_penalty;
    for (const auto& f : r.unmatched)
      if (std::find(row.unmatched.begin(), row.unmatched.end(), f) == row.unmatched.end()) row.unmatched.push_back(f);
    if (!r.due.empty()) has_due_ = true;

    ExerciseColumn& col = columns[r.exercise];
    col.id = r.exercise;
    col.max_score = std::max(col.max_score, r.max_score);
    ++col.attempted;
    if (r.verdict == Verdict::passed) ++col.passed;
    ++col.verdicts[std::string(to_string(r.verdict))];
    if (r.verdict != Verdict::passed) {
      std::string msg = first_line(r.message);
      if (msg.empty()) msg = std::string(to_string(r.verdict));
      ++failures[r.exercise][msg];
    }
  }
  for (auto& [id, col] : columns) {
    std::vector<std::pair<std::string, int>> top(failures[id].begin(), failures[id].end());
    std::stable_sort(top.begin(), top.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    if (top.size() > kTopFailures) top.resize(kTopFailures);
    col.top_failures = std::move(top);
    exercises_.push_back(std::move(col));
  }
}

const ExerciseResult* ClassResults::find(const std::string& student, const std::string& exercise) const {
  auto it = std::lower_bound(results_.begin(), results_.end(), std::tie(student, exercise),
                             [](const ExerciseResult& r, const auto& key) {
                               return std::tie(r.student, r.exercise) < key;
                             });
  if (it == results_.end() || it->student != student || it->exercise != exercise) return nullptr;
  return &*it;
}

int ClassResults::passed() const {
  int n = 0;
  for (const auto& r : results_) n += r.verdict == Verdict::passed;
  return n;
}

std::vector<const ExerciseResult*> ClassResults::probe_unavailable() const {
  std::vector<const ExerciseResult*> out;
  for (const auto& r : results_)
    if (r.message.find("probe unavailable: ") != std::string::npos) out.push_back(&r);
  return out;
}

std::map<std::string, int> ClassResults::verdict_counts() const {
  std::map<std::string, int> counts;
  for (const auto& r : results_) ++counts[std::string(to_string(r.verdict))];
  return counts;
}

}  // namespace exengine
