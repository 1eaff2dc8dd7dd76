// CounterLine: the shape of a line that reports a counter, written in plugin.toml as a template
// with one `{}` for the number ("Count: {}", "Balance: {}", "{}"). Used by the locks graders.
//
// Matching: a line (trailing blanks and '\r' ignored) matches when it starts with the text before
// `{}`, ends with the text after it, and what lies between is a decimal integer (optional '-').
//
// Threading: immutable after construction; every method is const and safe to call concurrently.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace exengine {

class CounterLine {
 public:
  // Throws OptionError(key) unless `tmpl` holds exactly one `{}`.
  CounterLine(const std::string& tmpl, const std::string& key);

  // The line for a value: "Count: 5".
  std::string render(std::int64_t value) const;
  // The line for a reader: "Count: N".
  std::string shape() const { return render_text("N"); }
  // The value when `line` has this shape.
  std::optional<std::int64_t> parse(std::string_view line) const;

  struct Scan {
    std::vector<std::int64_t> values;  // every matching line's value, in output order
    std::vector<std::string> others;   // every other non-blank line, trailing blanks removed
  };
  Scan scan(std::string_view output) const;

 private:
  std::string render_text(std::string_view middle) const { return prefix_ + std::string(middle) + suffix_; }
  std::string prefix_;
  std::string suffix_;
};

// `output` split into lines, trailing blanks and '\r' removed (no empty last line for a final '\n').
std::vector<std::string_view> split_output_lines(std::string_view output);

}  // namespace exengine
