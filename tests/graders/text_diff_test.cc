// text_diff and escape_text: readable, escaped, capped diffs.
#include <catch2/catch.hpp>

#include "graders/text_diff.h"
#include "graders/text_lines.h"

using namespace exengine;

TEST_CASE("escape_text: control characters and invalid UTF-8 are shown escaped") {
  CHECK(escape_text("plain") == "plain");
  CHECK(escape_text("a\tb\r\n") == "a\\tb\\r\\n");
  CHECK(escape_text("\x1b[31mred\x1b[0m") == "\\x1b[31mred\\x1b[0m");
  CHECK(escape_text("\xff\xfe") == "\\xff\\xfe");
  CHECK(escape_text("caf\xc3\xa9 \xe2\x9c\x93") == "caf\xc3\xa9 \xe2\x9c\x93");  // valid UTF-8 kept
  CHECK(escape_text("\xc3") == "\\xc3");                                       // cut sequence
  CHECK(escape_text("\xc0\xaf") == "\\xc0\\xaf");                               // overlong
  CHECK(escape_text("\xed\xa0\x80") == "\\xed\\xa0\\x80");                      // surrogate
  CHECK(escape_text("\xc2\x85") == "\\u0085");                                  // C1 control
  CHECK(escape_text("\xe2\x80\xae") == "\\u202e");                              // bidi override
  CHECK(escape_text(std::string("a\0b", 3)) == "a\\x00b");
  CHECK(escape_text("\x7f") == "\\x7f");
}

TEST_CASE("text_diff: unified hunks with context") {
  CHECK(text_diff("same\n", "same\n").empty());
  CHECK(text_diff("a\nb\nc\n", "a\nB\nc\n") == "--- expected\n+++ got\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
  CHECK(text_diff("", "x\n") == "--- expected\n+++ got\n@@ -0,0 +1,1 @@\n+x\n");
  CHECK(text_diff("x\n", "") == "--- expected\n+++ got\n@@ -1,1 +0,0 @@\n-x\n");

  std::string a, b;
  for (int i = 1; i <= 20; ++i) {
    a += std::to_string(i) + "\n";
    b += (i == 2 || i == 18 ? "changed" : std::to_string(i)) + "\n";
  }
  CHECK(text_diff(a, b) ==
        "--- expected\n+++ got\n"
        "@@ -1,5 +1,5 @@\n 1\n-2\n+changed\n 3\n 4\n 5\n"
        "@@ -15,6 +15,6 @@\n 15\n 16\n 17\n-18\n+changed\n 19\n 20\n");
}

TEST_CASE("text_diff: program output is escaped, long lines and long diffs are cut") {
  CHECK(text_diff("ok\n", "\x1b[2J\xff\n") == "--- expected\n+++ got\n@@ -1,1 +1,1 @@\n-ok\n+\\x1b[2J\\xff\n");
  CHECK(text_diff("a\n", "a") == "--- expected\n+++ got\n@@ -1,1 +1,1 @@\n-a\n+a [no newline at end]\n");

  TextDiffLimits limits;
  limits.max_line_bytes = 10;
  CHECK(text_diff("x\n", std::string(50, 'y') + "\n", limits) ==
        "--- expected\n+++ got\n@@ -1,1 +1,1 @@\n-x\n+yyyyyyyyyy...\n");

  std::string many;
  for (int i = 0; i < 1000; ++i) many += "line " + std::to_string(i) + "\n";
  std::string diff = text_diff("", many);
  CHECK(diff.size() < 2000);
  CHECK_THAT(diff, Catch::EndsWith("+line 118\n... (881 more diff lines)\n"));
}

TEST_CASE("text_lines: quoting and counting") {
  CHECK(quote("Task 1") == "'Task 1'");
  CHECK(quote("a\tb") == "'a\\tb'");
  CHECK(quote(std::string(100, 'x'), 10) == "'xxxxxxxxxx...'");
  CHECK(count_of(1, "time") == "1 time");
  CHECK(count_of(0, "time") == "0 times");
  CHECK(format_seconds(1900) == "1.9 s");
  CHECK(format_seconds(2000) == "2 s");
  CHECK(format_seconds(250) == "0.25 s");
  CHECK(split_lines("a\n\nb") == std::vector<std::string_view>{"a", "", "b"});
  CHECK(split_lines("").empty());
  CHECK(join_problems({"a", "b", "c", "d", "e"}) == "a; b; c; and 2 more problems");
}
