// Line-level helpers shared by the built-in graders: splitting output into lines, quoting program
// text in messages, and naming the first difference between two texts.
//
// Contract: pure functions; safe from any thread. Views returned point into the argument.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace exengine {

// The lines of `text` without their '\n'; a last line without '\n' is a line too; "" has none.
std::vector<std::string_view> split_lines(std::string_view text);

// `text` without trailing spaces, tabs and carriage returns.
std::string_view trim_right(std::string_view text);

// ASCII lower case.
std::string fold_case(std::string_view text);

// Program text for a message: escaped (see escape_text), cut at `max` bytes with "...", in single
// quotes: 'Task 1 running'.
std::string quote(std::string_view text, std::size_t max = 60);

// "1 time", "3 times" (noun is the singular; plural adds "s").
std::string count_of(long long n, std::string_view noun);

// 1900 -> "1.9 s", 250 -> "0.25 s".
std::string format_seconds(double ms);

// Every line followed by '\n'.
std::string join_lines(const std::vector<std::string>& lines);

// Joins problem sentences with "; ", showing at most `max`: "a; b; c; and 2 more problems".
std::string join_problems(const std::vector<std::string>& problems, std::size_t max = 3);

// The sentence for a text expected `expected` times that appeared `got` times (got != expected):
// "'x' is missing", "unexpected 'x'", "'x' appeared 3 times; expected 2".
std::string count_problem(std::string_view text, long long expected, long long got);

using LineEquals = std::function<bool(std::string_view expected, std::string_view got)>;

// One sentence naming the first line where `got` differs from `expected` (compared with `equals`),
// e.g. "line 3: expected 'Thread: 2', got 'Thread: 3'", or "" when every line is equal. With
// `final_newline` the presence of a last '\n' counts as a difference too.
std::string first_difference(std::string_view expected, std::string_view got, const LineEquals& equals,
                             bool final_newline);

}  // namespace exengine
