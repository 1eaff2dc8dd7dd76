// Readable diffs and escaping of program output for messages.
//
// Contract
// - Pure functions of their arguments; safe to call from any thread.
// - Program output is raw bytes: escape_text() turns every control character (including '\n') and
//   every invalid UTF-8 byte into a visible escape (\t, \n, \x1b, \xff, \u0085; also the bidi
//   overrides U+202A..U+202E and U+2066..U+2069) and keeps other valid UTF-8 as it is. What these
//   functions return holds no control character but the '\n' that ends each diff line.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace exengine {

// Escapes one piece of program output for display (see the contract above).
std::string escape_text(std::string_view text);

struct TextDiffLimits {
  std::size_t max_lines = 120;       // lines of diff body (hunks) shown before "..."
  std::size_t max_line_bytes = 240;  // each shown line is cut here (after escaping)
  std::size_t context = 3;           // unchanged lines around each change
  std::size_t max_compared = 20000;  // lines of each side compared; the rest is only counted
};

// A unified-style diff of `expected` against `got`, line by line:
//
//     --- expected
//     +++ got
//     @@ -1,3 +1,3 @@
//      Task 0 running
//     -Task 1 running
//     +Task 1 runing
//
// A last line without a final newline is shown with " [no newline at end]", so a missing final
// newline is a visible difference. Returns "" when the texts are equal. Long diffs end with a line
// "... (N more diff lines)". Past `max_compared` lines (a runaway print loop) the sides are cut
// there, so that a 1 MiB output costs milliseconds, and a last line says how many were not compared.
std::string text_diff(std::string_view expected, std::string_view got, const TextDiffLimits& limits = {});

}  // namespace exengine
