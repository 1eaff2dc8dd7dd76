// `all`: every grader of `of` must pass; the first failure is reported as it is.
#include <string>
#include <vector>

#include "graders/builtin_graders.h"
#include "graders/child_graders.h"

namespace exengine {

namespace {

class AllGrader : public Grader {
 public:
  explicit AllGrader(std::vector<ChildGrader> children) : children_(std::move(children)) {}

  GradeOutcome grade(const GradeInput& input) const override {
    GradeOutcome last = GradeOutcome::pass();
    for (const auto& child : children_) {
      GradeOutcome outcome = child.grader->grade(input);
      if (outcome.verdict != Verdict::passed) return outcome;
      last = std::move(outcome);
    }
    return last;
  }

  // The first child example that every child accepts (graded as a run without timing).
  std::string example_output() const override {
    for (const auto& candidate : children_) {
      std::string example = candidate.grader->example_output();
      if (example.empty()) continue;
      GradeInput input;
      input.output = example;
      bool accepted = true;
      for (const auto& child : children_) accepted = accepted && child.grader->grade(input).verdict == Verdict::passed;
      if (accepted) return example;
    }
    return {};
  }

 private:
  std::vector<ChildGrader> children_;
};

}  // namespace

std::unique_ptr<Grader> make_all_grader(const Options& options, const GraderHost& host) {
  options.allow_only({"of"});
  return std::make_unique<AllGrader>(make_child_graders(options, host));
}

}  // namespace exengine
