// `any-of`: passes if any grader of `of` passes; a failure shows the closest one's explanation.
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "graders/builtin_graders.h"
#include "graders/child_graders.h"

namespace exengine {

namespace {

class AnyOfGrader : public Grader {
 public:
  explicit AnyOfGrader(std::vector<ChildGrader> children) : children_(std::move(children)) {}

  GradeOutcome grade(const GradeInput& input) const override {
    std::optional<GradeOutcome> best;
    std::optional<GradeOutcome> broken;
    for (const auto& child : children_) {
      GradeOutcome outcome = child.grader->grade(input);
      if (outcome.verdict == Verdict::passed) return outcome;
      if (outcome.verdict == Verdict::internal_error) {
        if (!broken) broken = std::move(outcome);
        continue;
      }
      if (!best || closer(outcome, *best)) best = std::move(outcome);
    }
    if (!best) return *broken;
    if (children_.size() > 1)
      best->message = fmt::format("none of the {} accepted outputs matched; the closest: {}", children_.size(),
                                  best->message);
    return *best;
  }

  std::string example_output() const override {
    for (const auto& child : children_)
      if (auto example = child.grader->example_output(); !example.empty()) return example;
    return {};
  }

 private:
  std::vector<ChildGrader> children_;
};

}  // namespace

std::unique_ptr<Grader> make_any_of_grader(const Options& options, const GraderHost& host) {
  options.allow_only({"of"});
  return std::make_unique<AnyOfGrader>(make_child_graders(options, host));
}

}  // namespace exengine
