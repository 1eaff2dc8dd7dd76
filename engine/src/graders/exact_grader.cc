// `exact`: the output must equal `expected`, byte for byte.
#include <string>

#include "graders/builtin_graders.h"
#include "graders/text_diff.h"
#include "graders/text_lines.h"

namespace exengine {

namespace {

class ExactGrader : public Grader {
 public:
  explicit ExactGrader(std::string expected) : expected_(std::move(expected)) {}

  GradeOutcome grade(const GradeInput& input) const override {
    if (input.output == expected_) return GradeOutcome::pass();
    std::string message = first_difference(
        expected_, input.output, [](std::string_view a, std::string_view b) { return a == b; }, true);
    if (message.empty()) message = "the output differs from the expected output";
    return GradeOutcome::fail(message, text_diff(expected_, input.output));
  }

  std::string example_output() const override { return expected_; }

 private:
  std::string expected_;
};

}  // namespace

std::unique_ptr<Grader> make_exact_grader(const Options& options, const GraderHost&) {
  options.allow_only({"expected"});
  return std::make_unique<ExactGrader>(options.get_string("expected"));
}

}  // namespace exengine
