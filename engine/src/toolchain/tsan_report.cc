#include "toolchain/tsan_report.h"

#include <fstream>
#include <regex>

#include <fmt/format.h>

namespace exengine {
namespace fs = std::filesystem;

namespace {

std::string trim(std::string s) {
  std::size_t b = 0;
  while (b < s.size() && (s[b] == ' ' || s[b] == '\t')) ++b;
  std::size_t e = s.size();
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
  return s.substr(b, e - b);
}

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    out.emplace_back(text.substr(start, end - start));
    if (end == text.size()) break;
    start = end + 1;
  }
  return out;
}

std::vector<std::string> read_lines(const fs::path& file) {
  std::vector<std::string> out;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) out.push_back(line);
  return out;
}

// "count++" for line 12: the source text, trimmed, without a trailing ';' or // comment, cut at 60.
std::string quote_line(const std::vector<std::string>& source, int line) {
  if (line < 1 || static_cast<std::size_t>(line) > source.size()) return {};
  std::string s = source[line - 1];
  if (auto c = s.find("//"); c != std::string::npos) s.erase(c);
  s = trim(s);
  while (!s.empty() && s.back() == ';') s.pop_back();
  s = trim(s);
  if (s.size() > 60) s = s.substr(0, 57) + "...";
  return s;
}

// The name without its parameters: "hello(std::__cxx11::basic_string<...> const&)" -> "hello()".
std::string without_parameters(const std::string& f) {
  int depth = 0;
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (f[i] == '<') ++depth;
    else if (f[i] == '>' && depth > 0) --depth;
    else if (f[i] == '(' && depth == 0) {
      if (f.compare(i >= 8 ? i - 8 : 0, 8, "operator") == 0 && f.compare(i, 2, "()") == 0) {
        ++i;  // operator() is part of the name
        continue;
      }
      return f.substr(0, i) + "()";
    }
  }
  return f + "()";
}

// "worker()", "a lambda in main()", "BankAccount::deposit()".
std::string function_name(const std::string& f) {
  const std::size_t lambda = f.find("::{lambda(");
  if (lambda != std::string::npos) return "a lambda in " + without_parameters(f.substr(0, lambda));
  return without_parameters(f);
}

bool learners(const TsanFrame& f, const std::string& file_name) {
  return fs::path(f.file).filename() == file_name;
}

// The learner's frame of a stack: the first in the submission, else the first outside /usr.
const TsanFrame* learner_frame(const TsanStack& s, const std::string& file_name) {
  for (const auto& f : s.frames)
    if (learners(f, file_name)) return &f;
  for (const auto& f : s.frames)
    if (f.line > 0 && f.file.rfind("/usr/", 0) != 0 && f.file.find("libsanitizer") == std::string::npos) return &f;
  return nullptr;
}

std::string describe(const TsanFrame& f, const std::vector<std::string>& source, bool quote) {
  std::string text = quote ? quote_line(source, f.line) : std::string();
  return fmt::format("line {}{} in {}", f.line, text.empty() ? "" : " (" + text + ")", function_name(f.function));
}

std::string what_is_touched(const std::string& location) {
  static const std::regex global(R"(^global '([^']+)')");
  std::smatch m;
  if (std::regex_search(location, m, global)) {
    std::string name = m[1].str();
    if (auto abi = name.find("[abi:"); abi != std::string::npos) name.erase(abi, name.find(']', abi) - abi + 1);
    return "`" + name + "`";
  }
  if (location.rfind("heap block", 0) == 0) return "the same heap memory";
  if (location.rfind("stack of", 0) == 0) return "the same local variable";
  return "the same memory";
}

}  // namespace

std::optional<TsanReport> parse_tsan_report(std::string_view stderr_text) {
  const std::vector<std::string> lines = split_lines(stderr_text);
  static const std::regex warning(R"(WARNING: ThreadSanitizer: (.*?)(?: \(pid=\d+\))?\s*$)");
  static const std::regex frame(R"(^\s*#\d+\s+(.*\S)\s+(\S+?):(\d+)(?::\d+)?\s+\(.*$)");
  std::optional<TsanReport> report;
  TsanStack* current = nullptr;
  for (const std::string& raw : lines) {
    std::smatch m;
    if (!report) {
      if (std::regex_search(raw, m, warning)) report = TsanReport{m[1].str(), {}, {}};
      continue;
    }
    if (raw.rfind("SUMMARY: ThreadSanitizer", 0) == 0 || raw.rfind("==================", 0) == 0) break;
    const std::string line = trim(raw);
    if (line.empty()) {
      current = nullptr;
      continue;
    }
    if (line.rfind("Location is ", 0) == 0) {
      report->location = line.substr(12);
      report->stacks.push_back({line, {}});
      current = &report->stacks.back();
      continue;
    }
    if (line[0] == '#') {
      if (current && std::regex_match(raw, m, frame)) {
        current->frames.push_back({m[1].str(), m[2].str(), std::stoi(m[3].str())});
      } else if (current && line.find(" <null>") != std::string::npos) {
        current->frames.push_back({"", "", 0});
      }
      continue;
    }
    if (line.back() == ':') {
      report->stacks.push_back({line, {}});
      current = &report->stacks.back();
    }
  }
  return report;
}

std::string tsan_message(std::string_view stderr_text, const fs::path& source, const std::string& file_name) {
  const auto report = parse_tsan_report(stderr_text);
  if (!report) return {};
  const std::vector<std::string> src = read_lines(source);
  // The learner's frame of each stack that matters for this kind of report.
  const bool leak = report->kind == "thread leak";
  const bool inversion = report->kind.rfind("lock-order-inversion", 0) == 0;
  std::vector<const TsanFrame*> at;
  bool holding = false;
  for (const auto& s : report->stacks) {
    const std::string& h = s.header;
    bool wanted;
    if (leak) wanted = h.rfind("Thread T", 0) == 0;
    else if (inversion) wanted = h.find("acquired here while holding") != std::string::npos;
    else wanted = h.rfind("Location is", 0) != 0 && h.rfind("Thread T", 0) != 0 && h.rfind("Mutex M", 0) != 0;
    if (!wanted) continue;
    if (h.find("(mutexes:") != std::string::npos) holding = true;
    if (const TsanFrame* f = learner_frame(s, file_name)) at.push_back(f);
  }
  if (report->kind == "data race") {
    const std::string what = what_is_touched(report->location);
    const std::string lock = holding ? "without holding the same lock" : "without a lock";
    if (at.size() >= 2) {
      const bool same_line = at[0]->line == at[1]->line;
      return fmt::format("data race: {} and {} touch {} {}", describe(*at[0], src, true),
                         describe(*at[1], src, !same_line), what, lock);
    }
    if (at.size() == 1)
      return fmt::format("data race: {} and another thread touch {} {}", describe(*at[0], src, true), what, lock);
    return fmt::format("data race: two threads touch {} {} (see the ThreadSanitizer report)", what, lock);
  }
  if (inversion) {
    if (at.size() >= 2 && at[0]->line != at[1]->line)
      return fmt::format("potential deadlock: {} and {} take the same two locks in opposite orders",
                         describe(*at[0], src, true), describe(*at[1], src, true));
    if (!at.empty())
      return fmt::format("potential deadlock: two threads take the same two locks in opposite orders at {}",
                         describe(*at[0], src, true));
    return "potential deadlock: threads take the same two locks in opposite orders";
  }
  if (leak) {
    if (!at.empty()) return fmt::format("thread leak: the thread started at {} is never joined", describe(*at[0], src, true));
    return "thread leak: a thread is never joined";
  }
  if (!at.empty()) return fmt::format("ThreadSanitizer: {} at {}", report->kind, describe(*at[0], src, true));
  return "ThreadSanitizer: " + report->kind;
}

}  // namespace exengine
