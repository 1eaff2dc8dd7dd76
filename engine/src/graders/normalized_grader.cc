// `normalized`: like exact, but trailing whitespace on each line and trailing blank lines are
// ignored; `ignore_case` also folds ASCII case.
#include <string>
#include <vector>

#include "graders/builtin_graders.h"
#include "graders/text_diff.h"
#include "graders/text_lines.h"

namespace exengine {

namespace {

// `text` with every line right-trimmed and the trailing blank lines dropped; ends with '\n'.
std::string normalize(std::string_view text) {
  std::vector<std::string> lines;
  for (auto line : split_lines(text)) lines.emplace_back(trim_right(line));
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  return join_lines(lines);
}

class NormalizedGrader : public Grader {
 public:
  NormalizedGrader(std::string expected, bool ignore_case)
      : expected_(std::move(expected)), normal_(normalize(expected_)), ignore_case_(ignore_case) {}

  GradeOutcome grade(const GradeInput& input) const override {
    std::string got = normalize(input.output);
    bool fold = ignore_case_;
    auto equals = [fold](std::string_view a, std::string_view b) { return fold ? fold_case(a) == fold_case(b) : a == b; };
    if (equals(normal_, got)) return GradeOutcome::pass();
    std::string message = first_difference(normal_, got, equals, false);
    if (message.empty()) message = "the output differs from the expected output";
    return GradeOutcome::fail(message, text_diff(normal_, got));
  }

  std::string example_output() const override { return expected_; }

 private:
  std::string expected_;
  std::string normal_;
  bool ignore_case_;
};

}  // namespace

std::unique_ptr<Grader> make_normalized_grader(const Options& options, const GraderHost&) {
  options.allow_only({"expected", "ignore_case"});
  return std::make_unique<NormalizedGrader>(options.get_string("expected"), options.get_bool("ignore_case", false));
}

}  // namespace exengine
