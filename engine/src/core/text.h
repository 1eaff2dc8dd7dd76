// Text helpers shared by the CLI, the graders' messages and the reports.
#pragma once

#include <string>
#include <string_view>

namespace exengine {

// Makes untrusted bytes safe for a terminal: control characters (except \n when keep_newlines)
// become \t, \r, \x1b, …; invalid UTF-8 bytes become \xNN; valid UTF-8 stays as is.
std::string escape_for_terminal(std::string_view bytes, bool keep_newlines = false);

// Cuts `text` to at most `max_bytes`, on a UTF-8 boundary, adding a note of what was cut.
std::string truncate_text(std::string_view text, std::size_t max_bytes);

// Points, rounded to at most `decimals` places, without trailing zeros: "10", "7.5", "3.33" (the
// reports: CSV, JUnit, HTML), or with decimals = 1 "8.3" (the terminal).
std::string format_points(double points, int decimals = 2);

}  // namespace exengine
