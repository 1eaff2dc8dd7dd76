// GraderRegistry: name resolution, unknown names, plugin graders wrapped (exceptions, lifetime).
#include <catch2/catch.hpp>

#include <limits>
#include <stdexcept>

#include "grader_test_support.h"
#include "graders/builtin_graders.h"
#include "graders/grader_registry.h"

using namespace exengine;
using namespace exengine::test;

namespace {

std::vector<std::string>* g_log = nullptr;

// Says who it is, so tests can tell which factory resolved a name.
class NameGrader : public Grader {
 public:
  explicit NameGrader(std::string name) : name_(std::move(name)) {}
  ~NameGrader() override {
    if (g_log) g_log->push_back("grader destroyed");
  }
  GradeOutcome grade(const GradeInput&) const override { return GradeOutcome::pass(name_); }

 private:
  std::string name_;
};

class ThrowingGrader : public Grader {
 public:
  GradeOutcome grade(const GradeInput&) const override { throw std::runtime_error("question q3 has no rubric"); }
};

std::unique_ptr<Grader> make_plugin_exact(const Options&, const GraderHost&) {
  return std::make_unique<NameGrader>("threads' own exact");
}
std::unique_ptr<Grader> make_quiz(const Options&, const GraderHost&) { return std::make_unique<NameGrader>("quiz"); }
std::unique_ptr<Grader> make_throwing(const Options&, const GraderHost&) { return std::make_unique<ThrowingGrader>(); }
std::unique_ptr<Grader> make_failing_factory(const Options&, const GraderHost&) {
  throw std::logic_error("table missing");
}
// Wraps a built-in through the host, as a plugin may.
std::unique_ptr<Grader> make_wrapper(const Options& options, const GraderHost& host) {
  return host.make("exact", options);
}

std::string said(const Grader& g) { return grade(g, "").message; }

std::string unknown_error(const GraderRegistry& r, std::string_view plugin, std::string_view name) {
  try {
    r.make_for(plugin, name, Options());
  } catch (const OptionError& e) {
    return e.key() + " | " + e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("registry: built-ins, a plugin's own names, qualified names") {
  GraderRegistry r;
  register_builtin_graders(r);
  r.add_plugin_grader("threads", "quiz", "answers", &make_quiz, nullptr);
  r.add_plugin_grader("threads", "exact", "shadows the built-in for threads", &make_plugin_exact, nullptr);
  r.add_plugin_grader("locks", "quiz", "answers", &make_quiz, nullptr);

  Options exact = toml_options("expected = \"x\"");
  CHECK(said(*r.make("exact", exact)) == "the program printed nothing; expected 1 line starting with 'x'");
  CHECK(said(*r.make_for("threads", "exact", exact)) == "threads' own exact");
  CHECK(said(*r.make_for("locks", "exact", exact)) == "the program printed nothing; expected 1 line starting with 'x'");
  CHECK(said(*r.make_for("locks", "threads:exact", exact)) == "threads' own exact");
  CHECK(said(*r.make("threads:quiz", Options())) == "quiz");
  CHECK(said(*r.make_for("threads", "quiz", Options())) == "quiz");
  CHECK(r.contains("threads", "quiz"));
  CHECK_FALSE(r.contains("", "quiz"));
  CHECK(r.contains("", "locks:quiz"));
  CHECK(r.plugin_graders("threads") == std::vector<std::string>{"exact", "quiz"});

  auto list = r.list();
  REQUIRE(list.size() == 13);
  CHECK(list.front().qualified() == "all");
  CHECK(list[9].qualified() == "unordered-lines");
  CHECK(list[10].qualified() == "locks:quiz");
  CHECK(list[12].qualified() == "threads:quiz");
  CHECK(list[12].summary == "answers");
}

TEST_CASE("registry: unknown names list what is available, with a suggestion") {
  GraderRegistry r;
  register_builtin_graders(r);
  r.add_plugin_grader("threads", "quiz", "answers", &make_quiz, nullptr);
  const std::string builtins =
      "all, any-of, count-range, exact, fields, interleave, normalized, precede, timing, unordered-lines";
  const std::string with_quiz =
      "all, any-of, count-range, exact, fields, interleave, normalized, precede, quiz, timing, unordered-lines";
  CHECK(unknown_error(r, "", "exakt") ==
        "name | unknown grader 'exakt'; did you mean 'exact'? (available: " + builtins + ", threads:quiz)");
  CHECK(unknown_error(r, "", "quiz") == "name | unknown grader 'quiz' (available: " + builtins + ", threads:quiz)");
  CHECK(unknown_error(r, "threads", "quizz") == "name | unknown grader 'quizz'; did you mean 'quiz'? (available: " +
                                                     with_quiz + ", threads:quiz)");
  CHECK(unknown_error(r, "", "locks:quiz") ==
        "name | unknown grader 'locks:quiz' (available: " + builtins + ", threads:quiz)");
}

TEST_CASE("registry: duplicate and malformed names are refused") {
  GraderRegistry r;
  r.add_grader("exact", "x", &make_quiz);
  CHECK_THROWS_WITH(r.add_grader("exact", "x", &make_quiz), "grader 'exact' is registered twice");
  CHECK_THROWS_WITH(r.add_grader("Quiz", "x", &make_quiz),
                    "grader name 'Quiz' must be lower-case words of a-z and 0-9 joined by '-'");
  r.add_plugin_grader("threads", "quiz", "x", &make_quiz, nullptr);
  CHECK_THROWS_WITH(r.add_plugin_grader("threads", "quiz", "x", &make_quiz, nullptr),
                    "plugin 'threads' registers grader 'quiz' twice");
  r.add_plugin_grader("locks", "quiz", "x", &make_quiz, nullptr);  // another owner: fine

  PluginRegistrar staged(r, "pools", nullptr);
  staged.add_grader("quiz", "x", &make_quiz);
  CHECK_THROWS_WITH(staged.add_grader("quiz", "x", &make_quiz), "plugin 'pools' registers grader 'quiz' twice");
  CHECK_FALSE(r.contains("pools", "quiz"));  // nothing before commit
  staged.commit();
  CHECK(r.contains("pools", "quiz"));
  CHECK(staged.names() == std::vector<std::string>{"quiz"});
}

TEST_CASE("registry: a plugin grader that throws becomes internal-error naming it") {
  GraderRegistry r;
  register_builtin_graders(r);
  r.add_plugin_grader("threads", "quiz", "x", &make_throwing, nullptr);
  auto g = r.make_for("threads", "quiz", Options());
  GradeOutcome outcome;
  REQUIRE_NOTHROW(outcome = grade(*g, "q1: a\n"));
  CHECK(outcome.verdict == Verdict::internal_error);
  CHECK(outcome.score == 0);
  CHECK(outcome.message == "grader 'threads:quiz' threw: question q3 has no rubric");

  r.add_plugin_grader("threads", "broken", "x", &make_failing_factory, nullptr);
  CHECK(unknown_error(r, "threads", "broken") == "name | grader 'threads:broken' could not be built: table missing");
}

TEST_CASE("registry: a factory may build other graders through the host") {
  GraderRegistry r;
  register_builtin_graders(r);
  r.add_plugin_grader("threads", "strict", "x", &make_wrapper, nullptr);
  auto g = r.make_for("threads", "strict", toml_options("expected = \"ok\\n\""));
  CHECK(grade(*g, "ok\n").verdict == Verdict::passed);
  CHECK(grade(*g, "no\n").message == "line 1: expected 'ok', got 'no'");
  // Built-in composites resolve the exercise's plugin graders too.
  r.add_plugin_grader("threads", "quiz", "x", &make_quiz, nullptr);
  auto any = r.make_for("threads", "any-of", toml_options("of = [{ name = \"quiz\" }]"));
  CHECK(said(*any) == "quiz");
}

TEST_CASE("registry: the plugin library outlives every grader it made") {
  std::vector<std::string> log;
  g_log = &log;
  std::unique_ptr<Grader> grader;
  {
    GraderRegistry r;
    std::shared_ptr<void> library(new int(1), [&log](void* p) {
      log.push_back("library released");
      delete static_cast<int*>(p);
    });
    r.add_plugin_grader("threads", "quiz", "x", &make_quiz, library);
    library.reset();
    grader = r.make_for("threads", "quiz", Options());
  }
  CHECK(log.empty());  // the registry is gone; the grader still holds the library
  CHECK(said(*grader) == "quiz");
  grader.reset();
  CHECK(log == std::vector<std::string>{"grader destroyed", "library released"});
  g_log = nullptr;
}

namespace {

// Breaks grader.h's promise: a verdict only the engine gives, or a score outside 0..1.
class LyingGrader : public Grader {
 public:
  LyingGrader(Verdict verdict, double score) : verdict_(verdict), score_(score) {}
  GradeOutcome grade(const GradeInput&) const override { return {verdict_, score_, "fine", {}}; }

 private:
  Verdict verdict_;
  double score_;
};

std::unique_ptr<Grader> make_timeout_liar(const Options&, const GraderHost&) {
  return std::make_unique<LyingGrader>(Verdict::timeout, 0.0);
}
std::unique_ptr<Grader> make_score_liar(const Options&, const GraderHost&) {
  return std::make_unique<LyingGrader>(Verdict::passed, 1.5);
}
std::unique_ptr<Grader> make_nan_liar(const Options&, const GraderHost&) {
  return std::make_unique<LyingGrader>(Verdict::wrong_output, std::numeric_limits<double>::quiet_NaN());
}
std::unique_ptr<Grader> make_honest_partial(const Options&, const GraderHost&) {
  return std::make_unique<LyingGrader>(Verdict::passed, 0.5);
}

}  // namespace

TEST_CASE("registry: a plugin grader's verdict and score are checked against grader.h's promise") {
  GraderRegistry r;
  r.add_plugin_grader("locks", "timeout-liar", "x", &make_timeout_liar, nullptr);
  r.add_plugin_grader("locks", "score-liar", "x", &make_score_liar, nullptr);
  r.add_plugin_grader("locks", "nan-liar", "x", &make_nan_liar, nullptr);
  r.add_plugin_grader("locks", "partial", "x", &make_honest_partial, nullptr);

  GradeOutcome out = grade(*r.make("locks:timeout-liar", Options()), "x\n");
  CHECK(out.verdict == Verdict::internal_error);
  CHECK(out.score == 0);
  CHECK(out.message == "grader 'locks:timeout-liar' returned the verdict 'timeout' (a grader may return passed, "
                       "wrong-output or internal-error)");
  out = grade(*r.make("locks:score-liar", Options()), "x\n");
  CHECK(out.verdict == Verdict::internal_error);
  CHECK(out.message == "grader 'locks:score-liar' returned the score 1.5 (a grader's score is a fraction from 0 to 1)");
  out = grade(*r.make("locks:nan-liar", Options()), "x\n");
  CHECK(out.verdict == Verdict::internal_error);
  CHECK(out.message == "grader 'locks:nan-liar' returned the score nan (a grader's score is a fraction from 0 to 1)");
  // A grader that keeps the promise passes through unchanged (partial credit included).
  out = grade(*r.make("locks:partial", Options()), "x\n");
  CHECK(out.verdict == Verdict::passed);
  CHECK(out.score == 0.5);
  CHECK(out.message == "fine");
}
