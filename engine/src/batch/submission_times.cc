#include "batch/submission_times.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <vector>

#include "core/text.h"
#include "core/timestamp.h"
#include "core/utf8_escape.h"

namespace exengine {
namespace {

struct Field {
  std::string text;
  int column = 1;  // 1-based byte column where the field starts
};

// One CSV record starting at `pos` (which is moved past it); `line` counts newlines consumed.
std::vector<Field> record(std::string_view s, std::size_t& pos, int& line, const std::string& display) {
  std::vector<Field> out;
  const int start_line = line;
  std::size_t line_start = pos;
  Field f;
  f.column = 1;
  bool quoted = false, was_quoted = false;
  for (;;) {
    if (pos >= s.size()) {
      if (quoted)
        throw SubmissionTimesError(display + ":" + std::to_string(start_line) + ":" + std::to_string(f.column) +
                                   ": a quoted field is not closed");
      out.push_back(std::move(f));
      return out;
    }
    const char c = s[pos++];
    if (quoted) {
      if (c == '"') {
        if (pos < s.size() && s[pos] == '"') {
          f.text += '"';
          ++pos;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        f.text += c;
      }
    } else if (c == '"' && f.text.empty() && !was_quoted) {
      quoted = was_quoted = true;
    } else if (c == ',') {
      out.push_back(std::move(f));
      f = Field{};
      f.column = static_cast<int>(pos - line_start) + 1;
      was_quoted = false;
    } else if (c == '\n') {
      if (!f.text.empty() && f.text.back() == '\r' && !was_quoted) f.text.pop_back();
      ++line;
      out.push_back(std::move(f));
      return out;
    } else {
      f.text += c;
    }
  }
}

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.pop_back();
  while (!s.empty() && s.front() == ' ') s.erase(s.begin());
  return s;
}

}  // namespace

SubmissionTimes parse_submission_times(std::string_view text, const std::string& display) {
  SubmissionTimes out;
  std::size_t pos = 0;
  int line = 1;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;  // a spreadsheet's byte-order mark
  const std::vector<Field> header = record(text, pos, line, display);
  int student_col = -1, time_col = -1;
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string name = trim(header[i].text);
    if (name == "student") student_col = static_cast<int>(i);
    if (name == "submitted") time_col = static_cast<int>(i);
  }
  if (student_col < 0 || time_col < 0)
    throw SubmissionTimesError(display + ":1:1: the header must name the columns 'student' and 'submitted'");
  std::map<std::string, int> seen;
  while (pos < text.size()) {
    const int at = line;
    const std::vector<Field> row = record(text, pos, line, display);
    if (row.size() == 1 && trim(row[0].text).empty()) continue;  // a blank line
    const std::size_t need = static_cast<std::size_t>(std::max(student_col, time_col)) + 1;
    if (row.size() < need)
      throw SubmissionTimesError(display + ":" + std::to_string(at) + ":1: " + std::to_string(row.size()) +
                                 " fields, but the header has " + std::to_string(header.size()));
    const std::string student = trim(row[student_col].text);
    const std::string when = trim(row[time_col].text);
    auto t = parse_timestamp(when);
    if (!t)
      throw SubmissionTimesError(display + ":" + std::to_string(at) + ":" + std::to_string(row[time_col].column) +
                                 ": cannot read the submission time '" + escape_for_terminal(when) +
                                 "' (write a date-time with its offset, like 2026-03-14T23:59:00Z)");
    if (auto [it, fresh] = seen.emplace(student, at); !fresh)
      throw SubmissionTimesError(display + ":" + std::to_string(at) + ":" + std::to_string(row[student_col].column) +
                                 ": student '" + escape_for_terminal(student) + "' again (first on line " +
                                 std::to_string(it->second) + ")");
    out[student] = *t;
  }
  return out;
}

SubmissionTimes read_submission_times(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw SubmissionTimesError(file.string() + ": cannot read the submission times");
  std::stringstream text;
  text << in.rdbuf();
  return parse_submission_times(text.str(), file.string());
}

}  // namespace exengine
