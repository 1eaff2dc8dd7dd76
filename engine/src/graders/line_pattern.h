// LinePattern: a grader option holding an ECMAScript regular expression that is matched against
// single lines of output (std::regex_search, so anchor with ^ and $ for a whole line).
//
// Contract
// - Built in a factory; a malformed expression throws OptionError naming the option key.
// - Immutable after construction; matches() may be called from many threads at once.
// - Only the first kMaxLineBytes of a line are searched (std::regex recurses per character).
#pragma once

#include <cstddef>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace exengine {

class LinePattern {
 public:
  static constexpr std::size_t kMaxLineBytes = 4096;

  // `key` names the option in errors: "'pattern' is not a valid regular expression: ...".
  LinePattern(const std::string& pattern, const std::string& key);

  bool matches(std::string_view line) const;
  // Like matches(), also returning the capture groups 1..n (unmatched groups are "").
  bool match(std::string_view line, std::vector<std::string>& groups) const;
  std::size_t groups() const { return regex_.mark_count(); }

  const std::string& pattern() const { return pattern_; }
  // The text a whole-line pattern stands for ("^Running$" -> "Running"), if it is a plain literal.
  const std::optional<std::string>& literal() const { return literal_; }
  // How messages name it: 'Running' for a literal, else "lines matching '^Task \d+$'" style label
  // 'pattern' (quoted, escaped).
  std::string label() const;

 private:
  std::string pattern_;
  std::regex regex_;
  std::optional<std::string> literal_;
};

}  // namespace exengine
