#include "graders/text_lines.h"

#include <fmt/format.h>

#include "graders/text_diff.h"

namespace exengine {

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::string_view trim_right(std::string_view text) {
  std::size_t end = text.size();
  while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\t' || text[end - 1] == '\r')) --end;
  return text.substr(0, end);
}

std::string fold_case(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string quote(std::string_view text, std::size_t max) {
  std::string shown = escape_text(text);
  if (shown.size() > max) {
    std::size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(shown[cut]) & 0xC0) == 0x80) --cut;
    shown = shown.substr(0, cut) + "...";
  }
  return "'" + shown + "'";
}

std::string count_of(long long n, std::string_view noun) {
  return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
}

std::string format_seconds(double ms) {
  std::string s = fmt::format("{:.2f}", ms / 1000.0);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s + " s";
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) {
    out += line;
    out += '\n';
  }
  return out;
}

std::string join_problems(const std::vector<std::string>& problems, std::size_t max) {
  std::string out;
  for (std::size_t i = 0; i < problems.size() && i < max; ++i) out += (i ? "; " : "") + problems[i];
  if (problems.size() > max) out += "; and " + count_of(static_cast<long long>(problems.size() - max), "more problem");
  return out;
}

std::string count_problem(std::string_view text, long long expected, long long got) {
  if (got == 0) return quote(text) + " is missing";
  if (expected == 0) return "unexpected " + quote(text);
  return fmt::format("{} appeared {}; expected {}", quote(text), count_of(got, "time"), expected);
}

std::string first_difference(std::string_view expected, std::string_view got, const LineEquals& equals,
                             bool final_newline) {
  auto want = split_lines(expected);
  auto have = split_lines(got);
  if (have.empty() && !want.empty())
    return fmt::format("the program printed nothing; expected {} starting with {}", count_of(want.size(), "line"),
                       quote(want.front()));
  std::size_t n = std::min(want.size(), have.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (!equals(want[i], have[i]))
      return fmt::format("line {}: expected {}, got {}", i + 1, quote(want[i]), quote(have[i]));
  }
  if (have.size() < want.size())
    return fmt::format("the output stops after line {}; expected {}, the next one {}", have.size(),
                       count_of(want.size(), "line"), quote(want[have.size()]));
  if (have.size() > want.size())
    return fmt::format("unexpected extra output at line {}: {}", want.size() + 1, quote(have[want.size()]));
  if (final_newline && !expected.empty() && !got.empty()) {
    bool want_nl = expected.back() == '\n', have_nl = got.back() == '\n';
    if (want_nl && !have_nl) return "the last line lacks its final newline";
    if (!want_nl && have_nl) return "the output ends with a newline; expected none";
  }
  return {};
}

}  // namespace exengine
