// The shared quiz grader (plugins/common/quiz_grader.cc), compiled into this test directly.
#include <catch2/catch.hpp>

#include <string>

#include "../plugins/common/quiz_grader.h"

using namespace exengine;

namespace {

Value str(std::string s) { return Value(Value::Storage(std::move(s))); }
Value num(std::int64_t n) { return Value(Value::Storage(n)); }
Value dbl(double d) { return Value(Value::Storage(d)); }
Value arr(Array a) { return Value(Value::Storage(std::move(a))); }
Value tab(Table t) { return Value(Value::Storage(std::move(t))); }

// q1 = "b"; q2 = { choice = "c", why = "..." }; q3 = { keywords = [["i/o", "io-bound"], "network", "file"], min = 1 }
Table quiz_answers() {
  return Table{
      {"q1", str("b")},
      {"q2", tab({{"choice", str("a")}, {"why", str("the GIL lets one thread run Python bytecode at a time")}})},
      {"q3", tab({{"keywords", arr({arr({str("I/O"), str("io-bound")}), str("network"), str("file")})},
                  {"why", str("threads help while a program waits for I/O")}})},
  };
}

Options options(Table t) { return Options(tab(std::move(t))); }

GradeOutcome grade(const QuizGrader& g, const std::string& out) {
  GradeInput in;
  in.output = out;
  in.exercise_id = "threads/quiz";
  return g.grade(in);
}

std::string option_error(Table t) {
  try {
    QuizGrader g(options(std::move(t)));
  } catch (const OptionError& e) {
    return e.key() + " | " + e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("quiz: all answers right passes with full score") {
  QuizGrader g(options({{"answers", tab(quiz_answers())}}));
  auto r = grade(g, "q1: b\nq2: A\nq3: when the program waits on network calls\n");
  CHECK(r.verdict == Verdict::passed);
  CHECK(r.score == 1.0);
  CHECK(r.message == "all 3 answers right");
}

TEST_CASE("quiz: choices ignore case, blanks, quotes and brackets; other lines are ignored") {
  QuizGrader g(options({{"answers", tab(quiz_answers())}}));
  auto r = grade(g, "My answers\r\n  Q1 :  (B)  \r\nq2: 'a'\r\nq3: reading a FILE\r\n");
  CHECK(r.verdict == Verdict::passed);
  CHECK(r.message == "all 3 answers right");
}

TEST_CASE("quiz: a wrong choice teaches with its why and gives partial score") {
  QuizGrader g(options({{"answers", tab(quiz_answers())}}));
  auto r = grade(g, "q1: b\nq2: c\nq3: I/O-bound work\n");
  CHECK(r.verdict == Verdict::wrong_output);
  CHECK(r.score == Approx(2.0 / 3.0));
  CHECK(r.message == "q2: 'c' is not right: the GIL lets one thread run Python bytecode at a time (2 of 3 right)");
  CHECK(r.diff.empty());
}

TEST_CASE("quiz: missing, empty, repeated and keyword-free answers are each named") {
  QuizGrader g(options({{"answers", tab(quiz_answers())}}));
  CHECK(grade(g, "q2: a\nq3: file\n").message == "q1: no answer (print a line 'q1: ANSWER') (2 of 3 right)");
  CHECK(grade(g, "q1:\nq2: a\nq3: file\n").message == "q1: not answered yet (2 of 3 right)");
  CHECK(grade(g, "q1: b\nq1: c\nq2: a\nq3: file\n").message ==
        "q1: answered 2 times; print each answer once (2 of 3 right)");
  auto r = grade(g, "q1: a\nq2: a\nq3: for heavy maths\n");
  CHECK(r.message ==
        "q1: 'a' is not right; q3: 'for heavy maths' is not right: threads help while a program waits for I/O "
        "(1 of 3 right)");
  CHECK(r.score == Approx(1.0 / 3.0));
  auto none = grade(g, "");
  CHECK(none.score == 0.0);
  CHECK(none.verdict == Verdict::wrong_output);
  CHECK(none.message == 
        "no question is answered yet: print one line per question, like 'q1: ANSWER', for q1, q2, q3 (0 of 3 right)");
  CHECK(grade(g, "q1:\nq2: \nq3:\n").message == none.message);
}

TEST_CASE("quiz: a rubric with min > 1 reports a partly right answer; long answers are shortened") {
  QuizGrader g(options({{"answers", tab({{"q1", tab({{"keywords", arr({str("args"), str("tuple")})}, {"min", num(2)}})}})}}));
  CHECK(grade(g, "q1: pass args=(x,) as a tuple\n").verdict == Verdict::passed);
  CHECK(grade(g, "q1: use args\n").message == "q1: 'use args' is only partly right (1 of 2 key ideas) (0 of 1 right)");
  CHECK(grade(g, "q1: something entirely unrelated and quite long indeed, really\n").message ==
        "q1: 'something entirely unrelated and quite l...' is not right (0 of 1 right)");
  // 39 ASCII bytes then a two-byte letter across the cut: the letter is dropped whole.
  CHECK(grade(g, "q1: " + std::string(39, 'x') + "\xc3\xa9tail\n").message ==
        "q1: '" + std::string(39, 'x') + "...' is not right (0 of 1 right)");
}

TEST_CASE("quiz: pass_fraction lets a partly right quiz pass with its partial score") {
  QuizGrader g(options({{"answers", tab(quiz_answers())}, {"pass_fraction", dbl(0.6)}}));
  auto r = grade(g, "q1: b\nq2: b\nq3: network\n");
  CHECK(r.verdict == Verdict::passed);
  CHECK(r.score == Approx(2.0 / 3.0));
  CHECK(r.message ==
        "2 of 3 right, enough to pass; q2: 'b' is not right: the GIL lets one thread run Python bytecode at a time");
  auto f = grade(g, "q1: c\nq2: b\nq3: network\n");
  CHECK(f.verdict == Verdict::wrong_output);
  CHECK(f.message ==
        "q1: 'c' is not right; q2: 'b' is not right: the GIL lets one thread run Python bytecode at a time "
        "(1 of 3 right, 2 needed)");
}

TEST_CASE("quiz: bad options throw OptionError with exact messages") {
  CHECK(option_error({}) == "answers | missing option 'answers'");
  CHECK(option_error({{"answers", str("b")}}) == "answers | 'answers' must be a table of questions, not string");
  CHECK(option_error({{"answers", tab({})}}) == "answers | 'answers' has no questions");
  CHECK(option_error({{"answers", tab({{"Q1", str("b")}})}}) ==
        "answers | 'answers.Q1' is not a question name (lower-case letter, then letters, digits, '-' or '_'; e.g. q1)");
  CHECK(option_error({{"answers", tab({{"q1", num(2)}})}}) ==
        "answers | 'answers.q1' must be a choice (a string) or a table with 'choice' or 'keywords', not integer");
  CHECK(option_error({{"answers", tab({{"q1", str(" ")}})}}) == "answers | 'answers.q1' is an empty choice");
  CHECK(option_error({{"answers", tab({{"q1", tab({{"choise", str("b")}})}})}}) ==
        "answers | 'answers.q1' has unknown key 'choise' (valid: choice, keywords, min, why)");
  CHECK(option_error({{"answers", tab({{"q1", tab({{"choice", str("b")}, {"keywords", arr({str("x")})}})}})}}) ==
        "answers | 'answers.q1' needs exactly one of 'choice' and 'keywords'");
  CHECK(option_error({{"answers", tab({{"q1", tab({{"keywords", arr({})}})}})}}) ==
        "answers | 'answers.q1.keywords' must be a non-empty array of keywords (strings or arrays of synonyms)");
  CHECK(option_error({{"answers", tab({{"q1", tab({{"keywords", arr({num(1)})}})}})}}) ==
        "answers | 'answers.q1.keywords' must be a non-empty array of keywords (strings or arrays of synonyms)");
  CHECK(option_error({{"answers", tab({{"q1", tab({{"keywords", arr({str("a"), str("b")})}, {"min", num(3)}})}})}}) ==
        "answers | 'answers.q1.min' must be between 1 and 2, not 3");
  CHECK(option_error({{"answers", tab({{"q1", tab({{"choice", str("b")}, {"min", num(1)}})}})}}) ==
        "answers | 'answers.q1.min' applies only to 'keywords'");
  CHECK(option_error({{"answers", tab({{"q1", tab({{"choice", str("b")}, {"why", num(1)}})}})}}) ==
        "answers | 'answers.q1.why' must be a string, not integer");
  CHECK(option_error({{"answers", tab({{"q1", str("b")}})}, {"pass_fraction", dbl(1.5)}}) ==
        "pass_fraction | 'pass_fraction' must be greater than 0 and at most 1, not 1.5");
  CHECK(option_error({{"answers", tab({{"q1", str("b")}})}, {"pass_fraction", str("all")}}) ==
        "pass_fraction | 'pass_fraction' must be a number, not string");
  CHECK(option_error({{"answers", tab({{"q1", str("b")}})}, {"pass", num(1)}}) ==
        "pass | unknown option 'pass' (valid: answers, pass_fraction)");
}

TEST_CASE("quiz: register_quiz_grader registers a working factory named quiz") {
  struct Recorder : Registrar {
    std::string name;
    GraderFactory factory = nullptr;
    void add_grader(const std::string& n, const std::string&, GraderFactory f) override {
      name = n;
      factory = f;
    }
  } rec;
  struct NoHost : GraderHost {
    std::unique_ptr<Grader> make(std::string_view, const Options&) const override { return nullptr; }
  } host;
  register_quiz_grader(rec);
  REQUIRE(rec.name == "quiz");
  REQUIRE(rec.factory != nullptr);
  auto g = rec.factory(options({{"answers", tab({{"q1", str("b")}})}}), host);
  GradeInput in;
  in.output = "q1: a\n";
  CHECK(g->grade(in).message == "q1: 'a' is not right (0 of 1 right)");
  CHECK(g->example_output().empty());
}
