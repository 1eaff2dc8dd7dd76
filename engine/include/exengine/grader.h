// exengine plugin SDK: graders.
//
// A grader decides whether one run's captured output is right for an exercise. The engine runs the
// submission, applies its own verdicts first (timeout, memory-limit, runtime-error, output-limit,
// compile-error, missing; see verdict.h) and consults the grader only for a run that finished.
//
// Contract
// - Construction: a GraderFactory builds one Grader per exercise from that exercise's options, once,
//   when the manifest is loaded. It validates every option there and throws OptionError for a bad
//   one; grade() must not be the first place a malformed option is noticed.
// - Threading: grade() is const and may be called concurrently from several threads for different
//   runs. A grader keeps no mutable state between calls (use local variables).
// - Exceptions: grade() should not throw. If it does, the engine reports internal-error for that
//   run, names the plugin and grader, and carries on with the other runs.
// - Lifetime: every GradeInput view is valid only during the call. The engine keeps the plugin
//   library loaded for as long as any Grader it produced exists.
// - Output text is raw bytes as the program wrote them: it may be truncated (output-limit), may be
//   invalid UTF-8, and may hold control characters. Graders compare bytes; the engine escapes
//   whatever it shows on a terminal or in HTML.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "exengine/value.h"
#include "exengine/verdict.h"

namespace exengine {

// One read from the program's stdout: the bytes [offset, next chunk's offset) arrived `ms`
// milliseconds after the program started. Lets graders reason about when lines appeared.
struct OutputChunk {
  std::size_t offset = 0;
  double ms = 0;
};

struct GradeInput {
  std::string_view output;                       // stdout, possibly truncated at the output cap
  std::string_view errors;                       // stderr, possibly truncated
  int exit_code = 0;                             // valid when signal == 0
  int signal = 0;                                // the signal that ended the program, or 0
  double wall_ms = 0;                            // from start to the main process's exit
  std::string_view language;                     // "python", "cpp", ...
  std::string_view exercise_id;                  // "threads/simple-thread"
  const std::vector<OutputChunk>* timeline = nullptr;  // may be null (e.g. `exengine judge`)
  std::string_view probe_json;                   // behaviour record as JSON text; empty if none
};

struct GradeOutcome {
  Verdict verdict = Verdict::passed;  // passed, wrong_output, or internal_error
  double score = 1.0;                 // fraction of the exercise's points, 0..1 (partial credit)
  std::string message;                // one or two sentences a learner understands
  std::string diff;                   // expected vs. got (unified-diff style), may be empty

  static GradeOutcome pass(std::string message = {}) { return {Verdict::passed, 1.0, std::move(message), {}}; }
  static GradeOutcome fail(std::string message, std::string diff = {}, double score = 0.0) {
    return {Verdict::wrong_output, score, std::move(message), std::move(diff)};
  }
};

class Grader {
 public:
  virtual ~Grader() = default;
  virtual GradeOutcome grade(const GradeInput& input) const = 0;
  // A sample of an accepted output (shown by `exengine show` and `demo`); empty if none fits.
  virtual std::string example_output() const { return {}; }
};

// What a factory may ask of the engine while it builds a grader: other graders by name (built-in
// or from any loaded plugin), so a plugin grader can wrap or combine existing ones. Valid only
// during the factory call; the graders it returns may be kept for the grader's lifetime.
class GraderHost {
 public:
  virtual ~GraderHost() = default;
  // Throws OptionError if no grader has that name or its options are bad.
  virtual std::unique_ptr<Grader> make(std::string_view name, const Options& options) const = 0;
};

// Builds a Grader from an exercise's options. Throws OptionError on bad options.
using GraderFactory = std::unique_ptr<Grader> (*)(const Options& options, const GraderHost& host);

}  // namespace exengine
