// exengine plugin SDK: the one vocabulary of verdicts.
//
// Contract
// - These nine names are the only verdicts the engine, its reports and its plugins use. The
//   spelling returned by to_string() is what appears in JSON, CSV, JUnit and on the terminal.
// - A grader returns passed or wrong-output (internal-error if the grader itself cannot work).
//   timeout, runtime-error, memory-limit, output-limit, compile-error and missing are decided by the
//   engine from the run before a grader is consulted.
#pragma once

#include <optional>
#include <string_view>

namespace exengine {

enum class Verdict {
  passed,
  wrong_output,
  timeout,
  runtime_error,
  memory_limit,
  output_limit,
  compile_error,
  missing,
  internal_error,
};

constexpr std::string_view to_string(Verdict v) {
  switch (v) {
    case Verdict::passed: return "passed";
    case Verdict::wrong_output: return "wrong-output";
    case Verdict::timeout: return "timeout";
    case Verdict::runtime_error: return "runtime-error";
    case Verdict::memory_limit: return "memory-limit";
    case Verdict::output_limit: return "output-limit";
    case Verdict::compile_error: return "compile-error";
    case Verdict::missing: return "missing";
    case Verdict::internal_error: return "internal-error";
  }
  return "internal-error";
}

constexpr std::optional<Verdict> parse_verdict(std::string_view s) {
  for (Verdict v : {Verdict::passed, Verdict::wrong_output, Verdict::timeout, Verdict::runtime_error,
                    Verdict::memory_limit, Verdict::output_limit, Verdict::compile_error,
                    Verdict::missing, Verdict::internal_error}) {
    if (to_string(v) == s) return v;
  }
  return std::nullopt;
}

}  // namespace exengine
