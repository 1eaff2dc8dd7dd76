// `unordered-lines`: the output's lines must be the `expected` lines in any order (a multiset),
// normalized like `normalized`: trailing whitespace and trailing blank lines are ignored, and
// `ignore_case` folds ASCII case.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "graders/builtin_graders.h"
#include "graders/text_diff.h"
#include "graders/text_lines.h"

namespace exengine {

namespace {

std::vector<std::string> normalized_lines(std::string_view text) {
  std::vector<std::string> lines;
  for (auto line : split_lines(text)) lines.emplace_back(trim_right(line));
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

class UnorderedLinesGrader : public Grader {
 public:
  UnorderedLinesGrader(std::vector<std::string> expected, bool ignore_case)
      : expected_(std::move(expected)), ignore_case_(ignore_case) {}

  GradeOutcome grade(const GradeInput& input) const override {
    std::vector<std::string> got = normalized_lines(input.output);
    // Remaining expected occurrences per key, and which expected lines have that key (in order).
    std::map<std::string, std::vector<std::size_t>> open;
    for (std::size_t i = 0; i < expected_.size(); ++i) open[key(expected_[i])].push_back(i);
    for (auto& [k, v] : open) std::reverse(v.begin(), v.end());

    std::vector<std::string> closest;  // the expected lines, in the order the output shows them
    std::vector<bool> used(expected_.size(), false);
    std::vector<std::string> extra_order;
    std::map<std::string, long long> extra_count;
    for (const auto& line : got) {
      auto it = open.find(key(line));
      if (it != open.end() && !it->second.empty()) {
        std::size_t i = it->second.back();
        it->second.pop_back();
        used[i] = true;
        closest.push_back(expected_[i]);
      } else {
        if (extra_count[line]++ == 0) extra_order.push_back(line);
      }
    }
    std::vector<std::string> problems;
    std::map<std::string, long long> expected_count, got_count;
    for (const auto& e : expected_) ++expected_count[key(e)];
    for (const auto& g : got) ++got_count[key(g)];
    for (std::size_t i = 0; i < expected_.size(); ++i) {
      if (used[i]) continue;
      closest.push_back(expected_[i]);
      const std::string k = key(expected_[i]);
      if (expected_count[k] < 0) continue;  // already reported
      problems.push_back(count_problem(expected_[i], expected_count[k], got_count[k]));
      expected_count[k] = -1;
    }
    for (const auto& line : extra_order) {
      const std::string k = key(line);
      if (expected_count.count(k) && expected_count[k] < 0) continue;
      long long want = expected_count.count(k) ? expected_count[k] : 0;
      problems.push_back(count_problem(line, want, got_count[k]));
      expected_count[k] = -1;
    }
    if (problems.empty()) return GradeOutcome::pass();
    return GradeOutcome::fail(join_problems(problems), text_diff(join_lines(closest), join_lines(got)));
  }

  std::string example_output() const override { return join_lines(expected_); }

 private:
  std::string key(std::string_view line) const {
    std::string_view t = trim_right(line);
    return ignore_case_ ? fold_case(t) : std::string(t);
  }

  std::vector<std::string> expected_;
  bool ignore_case_;
};

}  // namespace

std::unique_ptr<Grader> make_unordered_lines_grader(const Options& options, const GraderHost&) {
  options.allow_only({"expected", "ignore_case"});
  std::vector<std::string> expected;
  const Value* v = options.find("expected");
  if (v && v->is_string()) {
    // A text is taken line by line.
    for (auto line : split_lines(v->as_string())) expected.emplace_back(trim_right(line));
    while (!expected.empty() && expected.back().empty()) expected.pop_back();
  } else {
    for (const auto& line : options.get_strings("expected")) {
      if (line.find('\n') != std::string::npos)
        throw OptionError("expected", "'expected' item " + quote(line) + " holds a newline; give one line per item");
      expected.emplace_back(trim_right(line));
    }
  }
  return std::make_unique<UnorderedLinesGrader>(std::move(expected), options.get_bool("ignore_case", false));
}

}  // namespace exengine
