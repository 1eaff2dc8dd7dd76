// The topic-specific graders of the locks and pools libraries (plugins/locks, plugins/pools),
// compiled into this test directly: their options, and the exact messages a learner sees.
#include <catch2/catch.hpp>

#include <string>

#include "../plugins/locks/counter_grader.h"
#include "../plugins/locks/race_demo_grader.h"
#include "../plugins/pools/py_list_grader.h"
#include "../plugins/pools/py_literal.h"

using namespace exengine;

namespace {

Value str(std::string s) { return Value(Value::Storage(std::move(s))); }
Value num(std::int64_t n) { return Value(Value::Storage(n)); }
Value boolean(bool b) { return Value(Value::Storage(b)); }
Options options(Table t) { return Options(Value(Value::Storage(std::move(t)))); }

GradeOutcome grade(const Grader& g, const std::string& out) {
  GradeInput in;
  in.output = out;
  in.language = "python";
  return g.grade(in);
}

std::string option_error(const Options& o, std::string (*make)(const Options&)) {
  try {
    make(o);
  } catch (const OptionError& e) {
    return e.key() + ": " + e.what();
  }
  return "no error";
}

std::string make_counter(const Options& o) { return CounterGrader(o).example_output(); }
std::string make_race(const Options& o) { return RaceDemoGrader(o).example_output(); }
std::string make_list(const Options& o) { return PyListGrader(o).example_output(); }

CounterGrader count5() { return CounterGrader(options({{"line", str("Count: {}")}, {"expected", num(5)}})); }

}  // namespace

TEST_CASE("counter: the right value passes, with trailing blanks and no final newline") {
  const CounterGrader g = count5();
  CHECK(grade(g, "Count: 5\n").verdict == Verdict::passed);
  CHECK(grade(g, "Count: 5  \r\n\n").verdict == Verdict::passed);
  CHECK(grade(g, "Count: 5").verdict == Verdict::passed);
  CHECK(g.example_output() == "Count: 5\n");
}

TEST_CASE("counter: each wrong value names its mistake") {
  const CounterGrader g = count5();
  const GradeOutcome lost = grade(g, "Count: 3\n");
  CHECK(lost.verdict == Verdict::wrong_output);
  CHECK(lost.message ==
        "the counter is 3, not 5: updates were lost because threads read and wrote it at the same time: missing lock "
        "(hold one shared threading.Lock around the whole read-modify-write), or the print came before every thread "
        "was joined");
  CHECK(lost.diff == "-Count: 5\n+Count: 3\n");
  CHECK(grade(g, "Count: 0\n").message ==
        "the counter is still 0, not 5: the main thread printed it before the threads ran: missing join() before the "
        "print");
  CHECK(grade(g, "Count: 7\n").message ==
        "the counter is 7, not 5: more updates than asked: check how many threads you start and how often each one "
        "adds");
  CHECK(grade(g, "Total: 5\n").message ==
        "no 'Count: N' line in the output; print 'Count: 5' once the threads are joined");
  CHECK(grade(g, "Count: 5\nCount: 5\n").message ==
        "'Count: N' was printed 2 times; print it once, after joining every thread");
  CHECK(grade(g, "hello\nCount: 5\n").message == "unexpected line 'hello'; print only 'Count: 5'");
  CHECK(grade(g, "Count: five\n").verdict == Verdict::wrong_output);
}

TEST_CASE("counter: extra_lines, initial, and an overshoot that is lost updates") {
  const CounterGrader loose(options({{"line", str("Count: {}")}, {"expected", num(5)}, {"extra_lines", boolean(true)}}));
  CHECK(grade(loose, "starting\nCount: 5\n").verdict == Verdict::passed);

  const CounterGrader bank(
      options({{"line", str("Balance: {}")}, {"expected", num(5000)}, {"initial", num(10000)}}));
  CHECK(grade(bank, "Balance: 5000\n").verdict == Verdict::passed);
  CHECK(grade(bank, "Balance: 8190\n").message.rfind("the counter is 8190, not 5000: updates were lost", 0) == 0);
  CHECK(grade(bank, "Balance: 10000\n").message.find("missing join()") != std::string::npos);

  const CounterGrader bare(options({{"line", str("{}")}, {"expected", num(5)}}));
  CHECK(grade(bare, "5\n").verdict == Verdict::passed);
  CHECK(grade(bare, "-2\n").message.rfind("the counter is -2, not 5: updates were lost", 0) == 0);
}

TEST_CASE("counter: bad options are rejected with their key") {
  CHECK(option_error(options({{"line", str("Count")}, {"expected", num(5)}}), make_counter) ==
        "line: 'line' must hold exactly one {} where the number goes, e.g. \"Count: {}\"");
  CHECK(option_error(options({{"line", str("{} {}")}, {"expected", num(5)}}), make_counter) ==
        "line: 'line' must hold exactly one {} where the number goes, e.g. \"Count: {}\"");
  CHECK(option_error(options({{"line", str("Count: {}")}}), make_counter) == "expected: missing option 'expected'");
  CHECK(option_error(options({{"line", str("Count: {}")}, {"expected", num(5)}, {"expect", num(5)}}), make_counter) ==
        "expect: unknown option 'expect' (valid: line, expected, initial, extra_lines)");
}

TEST_CASE("race-demo: what counts as showing a race") {
  const RaceDemoGrader g(options({{"line", str("Count with race condition: {}")}, {"expected", num(5)}}));
  const GradeOutcome lost = grade(g, "Count with race condition: 3\n");
  CHECK(lost.verdict == Verdict::passed);
  CHECK(lost.message == "the race showed: only 3 of 5 increments survived");
  const GradeOutcome none = grade(g, "Count with race condition: 5\n");  // the seed's own run
  CHECK(none.verdict == Verdict::passed);
  CHECK(none.message ==
        "no increment was lost in this run: races show in some runs only (grade with --stress to provoke one)");
  CHECK(grade(g, "explaining\nCount with race condition: 1\n").verdict == Verdict::passed);
  CHECK(grade(g, "Count with race condition: 0\n").message ==
        "the counter is 0: the main thread printed it before the threads ran: missing join() before the print");
  CHECK(grade(g, "Count with race condition: 7\n").message ==
        "the counter is 7, more than the 5 increments the threads make: start threads that add 1 each, 5 in all");
  CHECK(grade(g, "Count with race condition: -1\n").message ==
        "the counter is -1: a counter that only goes up cannot be negative");
  CHECK(grade(g, "Count: 3\n").message ==
        "no 'Count with race condition: N' line in the output; print the counter once the threads are joined");
  CHECK(grade(g, "Count with race condition: 3\nCount with race condition: 4\n").message ==
        "'Count with race condition: N' was printed 2 times; print it once, after joining every thread");
  CHECK(option_error(options({{"line", str("Count: {}")}, {"expected", num(0)}}), make_race) ==
        "expected: 'expected' must be at least 1, not 0");
}

TEST_CASE("py-literal: Python's printed values") {
  const PyListParse p = parse_py_list("  [1, -2, 3.50, 'a,b', \"c\", (1, 2), (7), [], None, True, False, 1e3]  ");
  REQUIRE(p.ok);
  REQUIRE(p.items.size() == 12);
  CHECK(p.items[0].key == "i:1");
  CHECK(p.items[1].key == "i:-2");
  CHECK(p.items[2].key == parse_py_list("[3.5]").items[0].key);
  CHECK(p.items[3].key == "s:a,b");
  CHECK(p.items[3].text == "'a,b'");
  CHECK(p.items[4].key == "s:c");
  CHECK(p.items[5].key == "t(i:1,i:2)");
  CHECK(p.items[6].key == "i:7");
  CHECK(p.items[7].key == "l[]");
  CHECK(p.items[8].key == "n:");
  CHECK(p.items[9].key == "b:1");
  CHECK(p.items[11].key == parse_py_list("[1000.0]").items[0].key);
  CHECK(parse_py_list("[]").ok);
  CHECK(parse_py_list("[1, 4").error == "expected ',' or ']' at column 6");
  CHECK(parse_py_list("1, 4").error == "expected '[' at column 1");
  CHECK(parse_py_list("[1] x").error == "unexpected text after the list at column 5");
  CHECK(parse_py_list("['ab]").error == "unterminated string at column 6");
}

TEST_CASE("py-list: in order, for Pool.map") {
  const PyListGrader g(options({{"expected", str("[1,4,9,16]")}}));
  CHECK(g.example_output() == "[1, 4, 9, 16]\n");
  CHECK(grade(g, "[1, 4, 9, 16]\n").verdict == Verdict::passed);
  CHECK(grade(g, "\n  [1,4, 9 ,16]  \n").verdict == Verdict::passed);
  const GradeOutcome order = grade(g, "[4, 1, 9, 16]\n");
  CHECK(order.message ==
        "the items are right but in another order: Pool.map returns results in input order; print the list it returned");
  CHECK(order.diff == "-[1, 4, 9, 16]\n+[4, 1, 9, 16]\n");
  CHECK(grade(g, "[1, 4, 10, 16]\n").message == "item 3 is 10, expected 9");
  CHECK(grade(g, "[1, 4, 9]\n").message == "the list has 3 items, expected 4");
  CHECK(grade(g, "[1, 4\n").message == "could not read '[1, 4' as a Python list: expected ',' or ']' at column 6");
  CHECK(grade(g, "[1, 4, 9, 16]\n[1, 4, 9, 16]\n").message == "2 lists were printed; print the results once");
  CHECK(grade(g, "[1, 4, 9, 16]\ndone\n").message == "unexpected line 'done'; print only the list");
  CHECK(grade(g, "1\n4\n9\n16\n").message ==
        "the results were printed one per line; print the whole list at once: print(results)");
  CHECK(grade(g, "").message == "no Python list in the output; print the list of results, e.g. print(results)");
  CHECK(grade(g, "<multiprocessing.pool.MapResult object at 0x7f49>\n").message ==
        "the output shows a MapResult object, not the results: call .get() on what map_async returned (or use "
        "pool.map)");
  CHECK(grade(g, "<multiprocessing.pool.IMapUnorderedIterator object at 0x7f68>\n").message ==
        "the output shows an iterator, not the results: imap and imap_unordered are lazy; wrap them in list(...)");
  CHECK(grade(g, "<map object at 0x7f68>\n").message ==
        "the output shows a map object: the built-in map is lazy and runs in this one process; use pool.map");
}

TEST_CASE("py-list: as a multiset, for imap_unordered") {
  const PyListGrader g(options({{"expected", str("[1, 4, 9, 16]")}, {"order", str("any")}}));
  CHECK(grade(g, "[16, 9, 1, 4]\n").verdict == Verdict::passed);
  CHECK(grade(g, "[0, 1, 4, 9]\n").message == "the results differ: missing 16; unexpected 0");
  CHECK(grade(g, "[1, 1, 4, 9]\n").message == "the results differ: missing 16; unexpected 1");
  const PyListGrader loose(options({{"expected", str("[1, 4]")}, {"extra_lines", boolean(true)}}));
  CHECK(grade(loose, "results:\n[1, 4]\n").verdict == Verdict::passed);
}

TEST_CASE("py-list: bad options are rejected with their key") {
  CHECK(option_error(options({{"expected", str("[1, 2")}}), make_list) ==
        "expected: 'expected' is not a Python list: expected ',' or ']' at column 6");
  CHECK(option_error(options({{"expected", str("[1]")}, {"order", str("sorted")}}), make_list) ==
        "order: 'order' must be \"exact\" or \"any\", not \"sorted\"");
  CHECK(option_error(options({{"expected", str("[1]")}, {"ordered", boolean(true)}}), make_list) ==
        "ordered: unknown option 'ordered' (valid: expected, order, extra_lines)");
}
