#include "graders/line_pattern.h"

#include "exengine/value.h"
#include "graders/text_lines.h"

namespace exengine {

namespace {

std::optional<std::string> literal_of(const std::string& pattern) {
  std::string_view p = pattern;
  if (!p.empty() && p.front() == '^') p.remove_prefix(1);
  if (!p.empty() && p.back() == '$') p.remove_suffix(1);
  if (p.empty() || p.find_first_of("\\.^$|?*+()[]{}") != std::string_view::npos) return std::nullopt;
  return std::string(p);
}

}  // namespace

LinePattern::LinePattern(const std::string& pattern, const std::string& key) : pattern_(pattern) {
  try {
    regex_ = std::regex(pattern, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    throw OptionError(key, "'" + key + "' is not a valid regular expression: " + quote(pattern, 80) + " (" +
                               e.what() + ")");
  }
  literal_ = literal_of(pattern);
}

bool LinePattern::matches(std::string_view line) const {
  if (line.size() > kMaxLineBytes) line = line.substr(0, kMaxLineBytes);
  return std::regex_search(line.begin(), line.end(), regex_);
}

bool LinePattern::match(std::string_view line, std::vector<std::string>& groups) const {
  if (line.size() > kMaxLineBytes) line = line.substr(0, kMaxLineBytes);
  std::match_results<std::string_view::const_iterator> m;
  if (!std::regex_search(line.begin(), line.end(), m, regex_)) return false;
  groups.clear();
  for (std::size_t i = 1; i < m.size(); ++i) groups.push_back(m[i].matched ? m[i].str() : std::string());
  return true;
}

std::string LinePattern::label() const { return literal_ ? quote(*literal_) : quote(pattern_, 80); }

}  // namespace exengine
