// QuizGrader: grades a quiz the learner answers by printing `qN: ANSWER` lines.
//
// Shared by every bundled topic library: each compiles plugins/common/quiz_grader.cc into its own
// shared module and calls register_quiz_grader() from its EXENGINE_PLUGIN registration function.
// Depends only on the SDK headers <exengine/...>.
//
// Options (validated when the manifest is loaded; a bad one throws OptionError with key "answers"
// or "pass_fraction"):
//   answers        table, required, non-empty, in question order. Each key is a question name
//                  (lower-case letter, then letters, digits, '-' or '_'; e.g. q1). Each value is
//                    - a string: the right choice, e.g. "b";
//                    - { choice = "b", why = "..." }: the same, with a teaching sentence;
//                    - { keywords = [...], min = N, why = "..." }: a free-text rubric. Each keyword
//                      is a string or an array of synonyms (any of them counts); the answer must
//                      contain at least `min` (default 1) of them, case-insensitively.
//   pass_fraction  number in (0, 1], default 1: the fraction of right answers that passes.
//
// Grading: only lines `NAME: ANSWER` whose NAME is a question count; other lines are ignored.
// Choices compare case-insensitively, ignoring surrounding blanks, quotes, brackets and a final
// '.' or ')', so `B`, `(b)` and `b)` all mean b. A question answered on several lines is wrong.
// Score is the fraction right. The message names every wrong or missing answer and never
// reveals the right choice.
//
// Threading: the grader is immutable after construction; grade() is safe to call concurrently.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <exengine/grader.h>
#include <exengine/plugin.h>
#include <exengine/value.h>

namespace exengine {

class QuizGrader : public Grader {
 public:
  struct Question {
    std::string name;                               // "q1"
    std::string choice;                             // normalized; empty for a keyword rubric
    std::vector<std::vector<std::string>> keywords; // each: lower-case synonyms
    int min = 1;                                    // keywords needed
    std::string why;                                // teaching sentence; may be empty
  };

  // Throws OptionError on a bad option.
  explicit QuizGrader(const Options& options);

  GradeOutcome grade(const GradeInput& input) const override;
  // Empty: a sample output would give the answers away.
  std::string example_output() const override { return {}; }

  const std::vector<Question>& questions() const { return questions_; }
  double pass_fraction() const { return pass_fraction_; }

 private:
  std::vector<Question> questions_;
  double pass_fraction_ = 1.0;
};

// The GraderFactory for "quiz".
std::unique_ptr<Grader> make_quiz_grader(const Options& options, const GraderHost& host);

// Registers "quiz" with a plugin's Registrar.
void register_quiz_grader(Registrar& registrar);

}  // namespace exengine
