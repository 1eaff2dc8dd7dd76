#include "graders/text_diff.h"

#include <dtl/dtl.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "core/utf8_escape.h"

namespace exengine {

namespace {

bool hidden_code_point(char32_t cp) {
  return (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

// Output split into lines for diffing; a last line without '\n' carries a visible marker.
std::vector<std::string> diff_lines(std::string_view text, std::size_t max_line_bytes, std::size_t max_lines,
                                    std::size_t& left_out) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  left_out = 0;
  while (start < text.size()) {
    if (lines.size() == max_lines) {
      left_out = static_cast<std::size_t>(std::count(text.begin() + static_cast<std::ptrdiff_t>(start), text.end(), '\n'));
      if (text.back() != '\n') ++left_out;
      break;
    }
    std::size_t end = text.find('\n', start);
    bool complete = end != std::string_view::npos;
    if (!complete) end = text.size();
    std::string line = escape_text(text.substr(start, end - start));
    if (line.size() > max_line_bytes) {
      std::size_t cut = max_line_bytes;
      // Never cut inside a UTF-8 sequence or an escape: back up to a plain ASCII boundary.
      while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
      line = line.substr(0, cut) + "...";
    }
    if (!complete) line += " [no newline at end]";
    lines.push_back(std::move(line));
    start = end + 1;
  }
  return lines;
}

}  // namespace

std::string escape_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7F) {
      switch (c) {
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        default: out += fmt::format("\\x{:02x}", c);
      }
      ++i;
      continue;
    }
    char32_t cp = 0;
    std::size_t len = utf8_sequence(text, i, &cp);
    if (len == 0) {
      out += fmt::format("\\x{:02x}", c);
      ++i;
    } else if (hidden_code_point(cp)) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned>(cp));
      i += len;
    } else {
      out.append(text.substr(i, len));
      i += len;
    }
  }
  return out;
}

std::string text_diff(std::string_view expected, std::string_view got, const TextDiffLimits& limits) {
  if (expected == got) return {};
  std::size_t a_left = 0, b_left = 0;
  std::vector<std::string> a = diff_lines(expected, limits.max_line_bytes, limits.max_compared, a_left);
  std::vector<std::string> b = diff_lines(got, limits.max_line_bytes, limits.max_compared, b_left);

  dtl::Diff<std::string> diff(a, b);
  diff.compose();
  const auto ses = diff.getSes().getSequence();

  // One entry per line of the edit script: ' ', '-' or '+', with its text.
  struct Row {
    char tag;
    const std::string* text;
  };
  std::vector<Row> rows;
  rows.reserve(ses.size());
  for (const auto& [text, info] : ses) {
    char tag = info.type == dtl::SES_ADD ? '+' : info.type == dtl::SES_DELETE ? '-' : ' ';
    rows.push_back({tag, &text});
  }
  if (rows.empty()) return {};

  // Group changes into hunks with `context` unchanged lines around them.
  std::string body;
  std::size_t shown = 0, hidden = 0;
  const std::size_t n = rows.size();
  std::size_t i = 0;
  // Line numbers (1-based) of rows[i] in expected and got.
  std::vector<std::size_t> a_line(n + 1), b_line(n + 1);
  {
    std::size_t la = 1, lb = 1;
    for (std::size_t k = 0; k < n; ++k) {
      a_line[k] = la;
      b_line[k] = lb;
      if (rows[k].tag != '+') ++la;
      if (rows[k].tag != '-') ++lb;
    }
    a_line[n] = la;
    b_line[n] = lb;
  }
  while (i < n) {
    if (rows[i].tag == ' ') {
      ++i;
      continue;
    }
    std::size_t begin = i >= limits.context ? i - limits.context : 0;
    std::size_t end = i;  // one past the last changed row of this hunk
    for (std::size_t k = i; k < n; ++k) {
      if (rows[k].tag != ' ') {
        end = k + 1;
      } else if (k - end + 1 > 2 * limits.context) {
        break;
      }
    }
    std::size_t stop = std::min(n, end + limits.context);
    std::size_t a_count = 0, b_count = 0;
    for (std::size_t k = begin; k < stop; ++k) {
      if (rows[k].tag != '+') ++a_count;
      if (rows[k].tag != '-') ++b_count;
    }
    std::string header = fmt::format("@@ -{},{} +{},{} @@\n", a_count ? a_line[begin] : a_line[begin] - 1,
                                     a_count, b_count ? b_line[begin] : b_line[begin] - 1, b_count);
    if (shown < limits.max_lines) {
      body += header;
      ++shown;
    } else {
      ++hidden;
    }
    for (std::size_t k = begin; k < stop; ++k) {
      if (shown < limits.max_lines) {
        body += rows[k].tag;
        body += *rows[k].text;
        body += '\n';
        ++shown;
      } else {
        ++hidden;
      }
    }
    i = stop;
  }
  if (hidden > 0) body += fmt::format("... ({} more diff lines)\n", hidden);
  if (a_left + b_left > 0)
    body += fmt::format("... (not compared: {} more expected lines, {} more lines got)\n", a_left, b_left);
  return "--- expected\n+++ got\n" + body;
}

}  // namespace exengine
