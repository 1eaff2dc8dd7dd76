#include "toolchain/compile_diagnostics.h"

#include <fmt/format.h>

namespace exengine {

std::string trim_diagnostics(std::string_view output, const std::vector<std::string>& strip,
                             std::size_t max_lines) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < output.size()) {
    std::size_t end = output.find('\n', start);
    if (end == std::string_view::npos) end = output.size();
    std::string line(output.substr(start, end - start));
    start = end + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    for (const std::string& s : strip) {
      if (s.empty()) continue;
      for (std::size_t at = line.find(s); at != std::string::npos; at = line.find(s, at)) line.erase(at, s.size());
    }
    if (line.rfind("In file included from <command-line>", 0) == 0) continue;
    if (line.empty() && lines.empty()) continue;
    lines.push_back(std::move(line));
  }
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  std::string out;
  const std::size_t shown = std::min(lines.size(), max_lines);
  for (std::size_t i = 0; i < shown; ++i) out += lines[i] + "\n";
  if (lines.size() > shown) out += fmt::format("... ({} more lines)\n", lines.size() - shown);
  return out;
}

}  // namespace exengine
