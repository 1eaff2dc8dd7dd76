// The built-in graders of docs/graders.md (interleave: graders/interleave_grader_test.cc; the
// registry: graders/grader_registry_test.cc; diffs: graders/text_diff_test.cc).
#include <catch2/catch.hpp>

#include "graders/grader_test_support.h"

using namespace exengine;
using namespace exengine::test;

TEST_CASE("exact: equal bytes pass; the first difference is named") {
  auto g = make_grader("exact", R"(expected = "Thread: 0\nThread: 1\n")");
  CHECK(grade(*g, "Thread: 0\nThread: 1\n").verdict == Verdict::passed);
  CHECK(g->example_output() == "Thread: 0\nThread: 1\n");

  auto r = grade(*g, "Thread: 0\nThread: 2\n");
  CHECK(r.verdict == Verdict::wrong_output);
  CHECK(r.score == 0);
  CHECK(r.message == "line 2: expected 'Thread: 1', got 'Thread: 2'");
  CHECK(r.diff == "--- expected\n+++ got\n@@ -1,2 +1,2 @@\n Thread: 0\n-Thread: 1\n+Thread: 2\n");

  CHECK(grade(*g, "").message == "the program printed nothing; expected 2 lines starting with 'Thread: 0'");
  CHECK(grade(*g, "Thread: 0\n").message ==
        "the output stops after line 1; expected 2 lines, the next one 'Thread: 1'");
  CHECK(grade(*g, "Thread: 0\nThread: 1\nThread: 2\n").message == "unexpected extra output at line 3: 'Thread: 2'");
  auto no_newline = grade(*g, "Thread: 0\nThread: 1");
  CHECK(no_newline.message == "the last line lacks its final newline");
  CHECK(no_newline.diff ==
        "--- expected\n+++ got\n@@ -1,2 +1,2 @@\n Thread: 0\n-Thread: 1\n+Thread: 1 [no newline at end]\n");
  CHECK(grade(*g, "Thread: 0 \nThread: 1\n").message == "line 1: expected 'Thread: 0', got 'Thread: 0 '");
}

TEST_CASE("exact: options are validated") {
  CHECK(build_error("exact", "") == "expected | missing option 'expected'");
  CHECK(build_error("exact", "expected = 5") == "expected | 'expected' must be a string, not integer");
  CHECK(build_error("exact", "expected = \"x\"\nexpect = \"y\"") == "expect | unknown option 'expect' (valid: expected)");
}

TEST_CASE("normalized: trailing whitespace, blank lines and (optionally) case are ignored") {
  auto g = make_grader("normalized", R"(expected = "Count: 5\n")");
  CHECK(grade(*g, "Count: 5\n").verdict == Verdict::passed);
  CHECK(grade(*g, "Count: 5   \r\n\n\n").verdict == Verdict::passed);
  CHECK(grade(*g, "Count: 5").verdict == Verdict::passed);
  auto r = grade(*g, "count: 5\n");
  CHECK(r.message == "line 1: expected 'Count: 5', got 'count: 5'");
  CHECK(r.diff == "--- expected\n+++ got\n@@ -1,1 +1,1 @@\n-Count: 5\n+count: 5\n");
  CHECK(grade(*g, " Count: 5\n").message == "line 1: expected 'Count: 5', got ' Count: 5'");
  CHECK(grade(*g, "\nCount: 5\n").message == "line 1: expected 'Count: 5', got ''");

  auto folded = make_grader("normalized", "expected = \"Count: 5\\n\"\nignore_case = true");
  CHECK(grade(*folded, "COUNT: 5\n").verdict == Verdict::passed);
  CHECK(grade(*folded, "COUNT: 6\n").message == "line 1: expected 'Count: 5', got 'COUNT: 6'");
  CHECK(build_error("normalized", "expected = \"x\"\nignore_case = 1") ==
        "ignore_case | 'ignore_case' must be a boolean, not integer");
}

TEST_CASE("unordered-lines: a multiset of lines") {
  auto g = make_grader("unordered-lines", R"(expected = ["0", "1", "1"])");
  CHECK(grade(*g, "1\n0\n1\n").verdict == Verdict::passed);
  CHECK(grade(*g, "1 \n1\n0\n\n").verdict == Verdict::passed);
  CHECK(g->example_output() == "0\n1\n1\n");

  auto missing = grade(*g, "1\n0\n");
  CHECK(missing.message == "'1' appeared 1 time; expected 2");
  CHECK(missing.diff == "--- expected\n+++ got\n@@ -1,3 +1,2 @@\n 1\n 0\n-1\n");
  CHECK(grade(*g, "1\n2\n1\n").message == "'0' is missing; unexpected '2'");
  CHECK(grade(*g, "1\n0\n1\n0\n").message == "'0' appeared 2 times; expected 1");

  auto text = make_grader("unordered-lines", "expected = \"a\\nb\\n\"\nignore_case = true");
  CHECK(grade(*text, "B\nA\n").verdict == Verdict::passed);
  CHECK(build_error("unordered-lines", R"(expected = ["a\nb"])") ==
        "expected | 'expected' item 'a\\nb' holds a newline; give one line per item");
}

TEST_CASE("count-range: lines matching a pattern, counted") {
  auto g = make_grader("count-range", "pattern = \"^Running$\"\nmin = 3\nmax = 6\nwithin_ms = 2000");
  CHECK(grade(*g, "Running\nRunning\nRunning\nRunning\n").verdict == Verdict::passed);
  CHECK(grade(*g, "Running\nRunning\nRunning\n").verdict == Verdict::passed);
  CHECK(grade(*g, "Running\nMain program ends\n").message == "'Running' appeared 1 time; expected 3 to 6 in 2 s");
  std::string seven;
  for (int i = 0; i < 7; ++i) seven += "Running\n";
  CHECK(grade(*g, seven).message == "'Running' appeared 7 times; expected 3 to 6 in 2 s");
  CHECK(grade(*g, "Running!\n").message == "'Running' appeared 0 times; expected 3 to 6 in 2 s");

  auto at_least = make_grader("count-range", R"(pattern = '^Task \d+$'
min = 2)");
  CHECK(grade(*at_least, "Task 1\nTask 2\n").verdict == Verdict::passed);
  CHECK(grade(*at_least, "Task 1\n").message == "1 line matched '^Task \\d+$'; expected at least 2");
  auto at_most = make_grader("count-range", "pattern = \"x\"\nmax = 1");
  CHECK(grade(*at_most, "x\nx\n").message == "'x' appeared 2 times; expected at most 1");
  auto exactly = make_grader("count-range", "pattern = \"x\"\nmin = 2\nmax = 2\nmessage = \"start exactly two\"");
  CHECK(grade(*exactly, "x\n").message == "start exactly two");
  CHECK(grade(*exactly, "x\nx\n").verdict == Verdict::passed);

  CHECK(build_error("count-range", "pattern = \"(\"") ==
        "pattern | 'pattern' is not a valid regular expression: '(' (Mismatched '(' and ')' in regular expression)");
  CHECK(build_error("count-range", "pattern = \"x\"\nmin = 3\nmax = 2") == "max | 'max' (2) is less than 'min' (3)");
  CHECK(build_error("count-range", "pattern = \"x\"\nmin = -1") == "min | 'min' must not be negative (got -1)");
  CHECK(build_error("count-range", "min = 1") == "pattern | missing option 'pattern'");
}

TEST_CASE("precede: ordering rules between lines") {
  auto g = make_grader("precede", R"(
rules = [{ first = "^Daemon running$", then = "^Main program ends", message = "is the thread a daemon?", all = true }]
)");
  CHECK(grade(*g, "Daemon running\nDaemon running\nMain program ends, daemon stops\n").verdict == Verdict::passed);
  CHECK(grade(*g, "Daemon running\nMain program ends, daemon stops\nDaemon running\n").message ==
        "'Main program ends, daemon stops' came before the last 'Daemon running': is the thread a daemon?");
  CHECK(grade(*g, "Main program ends, daemon stops\n").message ==
        "'Daemon running' never appeared: is the thread a daemon?");
  CHECK(grade(*g, "Daemon running\n").message == "'Main program ends' never appeared: is the thread a daemon?");
  auto pattern = make_grader("precede", R"(rules = [{ first = '^Task \d$', then = "^Done$" }])");
  CHECK(grade(*pattern, "Done\n").message == "no line matches '^Task \\d$'");

  auto some = make_grader("precede", R"(rules = [{ first = "^start$", then = "^end$" }])");
  CHECK(grade(*some, "start\nend\nstart\n").verdict == Verdict::passed);
  CHECK(grade(*some, "end\nstart\n").message == "'end' came before 'start'");

  CHECK(build_error("precede", "rules = []") ==
        "rules | 'rules' must be a non-empty array of tables { first, then, message, all }");
  CHECK(build_error("precede", R"(rules = [{ first = "a" }])") == "rules | rules item 1: missing 'then'");
  CHECK(build_error("precede", R"(rules = [{ first = "a", then = "b", frist = "c" }])") ==
        "rules | rules item 1: unknown key 'frist' (valid: first, then, message, all)");
  CHECK(build_error("precede", R"(rules = [{ first = "a", then = "[" }])") ==
        "rules | rules item 1: 'then' is not a valid regular expression: '[' (Unexpected character within '[...]' in regular expression)");
}

TEST_CASE("fields: numeric fields with relations") {
  auto g = make_grader("fields", R"(
pattern = '^(Threads|Processes) time: ([0-9.eE+-]+)$'
names = ["kind", "seconds"]
count = 2
checks = ["seconds >= 0"]
)");
  CHECK(grade(*g, "Threads time: 0.51\nProcesses time: 0.2e1\n").verdict == Verdict::passed);
  CHECK(grade(*g, "Threads time: 0.51\n").message ==
        "found 1 line matching '^(Threads|Processes) time: ([0-9.eE+-]+)$'; expected 2");
  CHECK(grade(*g, "Threads time: 1.2.3\nProcesses time: 1\n").message ==
        "in line 'Threads time: 1.2.3', 'seconds' is '1.2.3', not a number");
  CHECK(grade(*g, "Threads time: -1\nProcesses time: 1\n").message ==
        "check 'seconds >= 0' fails for line 'Threads time: -1' (seconds is -1)");

  auto total = make_grader("fields", R"(
pattern = '^Count: (\d+) of (\d+)$'
names = ["count", "total"]
checks = ["count == total", "total == 15"]
)");
  CHECK(grade(*total, "Count: 15 of 15\n").verdict == Verdict::passed);
  CHECK(grade(*total, "Count: 14 of 15\n").message == "check 'count == total' fails for line 'Count: 14 of 15' (count is 14)");
  CHECK(grade(*total, "nothing\n").message == "no line matches '^Count: (\\d+) of (\\d+)$'");

  CHECK(build_error("fields", R"(pattern = '^(\d+)$')") == "names | 'names' has 0 names but 'pattern' has 1 group");
  CHECK(build_error("fields", "pattern = '^(\\d+)$'\nnames = [\"n\"]\nchecks = [\"m > 1\"]") ==
        "checks | check 'm > 1': unknown field 'm' (fields: n)");
  CHECK(build_error("fields", "pattern = '^(\\d+)$'\nnames = [\"n\"]\nchecks = [\"n = 1\"]") ==
        "checks | check 'n = 1': expected 'FIELD OP VALUE' with OP one of >=, <=, ==, !=, >, <");
  CHECK(build_error("fields", "pattern = '^(\\d+)$'\nnames = [\"n\"]\nchecks = [\"n > x\"]") ==
        "checks | check 'n > x': 'x' is neither a number nor a field (fields: n)");
}

TEST_CASE("timing: the wall time lies in a window") {
  auto g = make_grader("timing", R"(
min_ms = 1900
max_ms = 4500
message_slow = "still running after 4.5 s: is the thread a daemon?"
)");
  CHECK(grade(*g, "", 2100).verdict == Verdict::passed);
  CHECK(grade(*g, "", 4800).message == "took 4.8 s; expected at most 4.5 s: still running after 4.5 s: is the thread a daemon?");
  CHECK(grade(*g, "", 480).message == "took 0.48 s; expected at least 1.9 s");
  auto judged = grade(*g, "", 0);
  CHECK(judged.verdict == Verdict::passed);
  CHECK(judged.message == "no run time to check");
  CHECK(build_error("timing", "") == "max_ms | timing needs 'min_ms', 'max_ms' or both");
  CHECK(build_error("timing", "min_ms = 5\nmax_ms = 4") == "max_ms | 'max_ms' is less than 'min_ms'");
  CHECK(build_error("timing", "max_ms = \"4\"") == "max_ms | 'max_ms' must be a number, not string");
}

TEST_CASE("any-of: one accepted output suffices; a failure shows the closest") {
  auto g = make_grader("any-of", R"(of = [{ name = "exact", expected = "5\n" }, { name = "exact", expected = "Count: 5\n" }])");
  CHECK(grade(*g, "5\n").verdict == Verdict::passed);
  CHECK(grade(*g, "Count: 5\n").verdict == Verdict::passed);
  CHECK(g->example_output() == "5\n");
  auto r = grade(*g, "Count: 4\nCount: 5\n");
  CHECK(r.verdict == Verdict::wrong_output);
  CHECK(r.message == "none of the 2 accepted outputs matched; the closest: line 1: expected 'Count: 5', got 'Count: 4'");
  CHECK(r.diff == "--- expected\n+++ got\n@@ -1,1 +1,2 @@\n+Count: 4\n Count: 5\n");

  CHECK(build_error("any-of", "of = []") ==
        "of | 'of' must be a non-empty array of grader tables ({ name = \"...\", ... })");
  CHECK(build_error("any-of", R"(of = [{ name = "exact" }])") == "of | of item 1 (exact): missing option 'expected'");
  CHECK(build_error("any-of", R"(of = [{ expected = "x" }])") == "of | of item 1 needs a grader 'name' (a string)");
  CHECK(build_error("any-of", R"(of = [{ name = "exakt", expected = "x" }])")
            .starts_with("of | of item 1 (exakt): unknown grader 'exakt'; did you mean 'exact'? (available: all, any-of,"));
}

TEST_CASE("all: every grader must pass; the first failure is reported") {
  auto g = make_grader("all", R"(of = [
  { name = "count-range", pattern = "^Running$", min = 3, max = 6 },
  { name = "timing", min_ms = 1900, max_ms = 4500 },
])");
  CHECK(grade(*g, "Running\nRunning\nRunning\n", 2000).verdict == Verdict::passed);
  CHECK(grade(*g, "Running\n", 2000).message == "'Running' appeared 1 time; expected 3 to 6");
  CHECK(grade(*g, "Running\nRunning\nRunning\n", 5000).message == "took 5 s; expected at most 4.5 s");
  CHECK(g->example_output().empty());

  auto both = make_grader("all", R"(of = [{ name = "exact", expected = "a\n" }, { name = "count-range", pattern = "a", min = 1 }])");
  CHECK(both->example_output() == "a\n");
}
