#include "counter_line.h"

#include <charconv>

#include <exengine/value.h>

namespace exengine {

std::vector<std::string_view> split_output_lines(std::string_view output) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < output.size()) {
    std::size_t end = output.find('\n', start);
    if (end == std::string_view::npos) end = output.size();
    std::string_view line = output.substr(start, end - start);
    const auto last = line.find_last_not_of(" \t\r\f\v");
    line = last == std::string_view::npos ? std::string_view{} : line.substr(0, last + 1);
    lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

CounterLine::CounterLine(const std::string& tmpl, const std::string& key) {
  const auto at = tmpl.find("{}");
  if (at == std::string::npos || tmpl.find("{}", at + 2) != std::string::npos)
    throw OptionError(key, "'" + key + "' must hold exactly one {} where the number goes, e.g. \"Count: {}\"");
  prefix_ = tmpl.substr(0, at);
  suffix_ = tmpl.substr(at + 2);
  const auto last = suffix_.find_last_not_of(" \t");
  suffix_ = last == std::string::npos ? std::string{} : suffix_.substr(0, last + 1);
}

std::string CounterLine::render(std::int64_t value) const { return render_text(std::to_string(value)); }

std::optional<std::int64_t> CounterLine::parse(std::string_view line) const {
  if (line.size() < prefix_.size() + suffix_.size()) return std::nullopt;
  if (line.substr(0, prefix_.size()) != prefix_) return std::nullopt;
  if (line.substr(line.size() - suffix_.size()) != suffix_) return std::nullopt;
  const std::string_view middle = line.substr(prefix_.size(), line.size() - prefix_.size() - suffix_.size());
  if (middle.empty()) return std::nullopt;
  std::int64_t value = 0;
  const auto [ptr, ec] = std::from_chars(middle.data(), middle.data() + middle.size(), value);
  if (ec != std::errc() || ptr != middle.data() + middle.size()) return std::nullopt;
  return value;
}

CounterLine::Scan CounterLine::scan(std::string_view output) const {
  Scan s;
  for (std::string_view line : split_output_lines(output)) {
    if (line.empty()) continue;
    if (auto v = parse(line)) {
      s.values.push_back(*v);
    } else {
      s.others.emplace_back(line);
    }
  }
  return s;
}

}  // namespace exengine
