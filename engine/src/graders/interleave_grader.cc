// `interleave`: the output must be a shuffle of per-worker writes (see docs/graders.md). Each line
// of a worker is two writes, its text and "\n" (or, given as an array of strings, those writes and
// then "\n"); `before`/`after` lines are the main thread's, around the workers.
#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "graders/builtin_graders.h"
#include "graders/interleave_diagnosis.h"
#include "graders/interleave_search.h"
#include "graders/text_diff.h"
#include "graders/text_lines.h"

namespace exengine {

namespace {

// One printed line: the writes before its "\n".
using Line = std::vector<std::string>;

std::string text_of(const Line& line) {
  std::string text;
  for (const auto& part : line) text += part;
  return text;
}

class InterleaveGrader : public Grader {
 public:
  InterleaveGrader(std::vector<std::string> before, std::vector<std::vector<Line>> workers,
                   std::vector<std::string> after)
      : prefix_(join_lines(before)),
        suffix_(join_lines(after)),
        search_(writes_of(workers)),
        flat_search_(writes_of(workers, false)) {
    spec_.before = std::move(before);
    spec_.after = std::move(after);
    for (const auto& worker : workers) {
      std::vector<std::string> texts;
      for (const auto& line : worker) texts.push_back(text_of(line));
      spec_.workers.push_back(std::move(texts));
    }
    spec_.pieces = std::move(workers);
  }

  GradeOutcome grade(const GradeInput& input) const override {
    std::string_view out = input.output;
    InterleaveResult result = judge(out);
    if (result.kind == InterleaveResult::Kind::legal) return GradeOutcome::pass();
    if (result.kind == InterleaveResult::Kind::undecided) return gave_up(result);
    // Every text there, only the line layout wrong: carriage returns, trailing whitespace, line breaks.
    std::string stripped(out);
    std::vector<std::string> layout_problems;
    for (auto [strip, what] : {std::pair{&strip_carriage_returns, "ends with a carriage return ('\\r'): print '\\n' only"},
                               std::pair{&strip_trailing_blanks, "ends with whitespace the exercise does not print"}}) {
      std::string next = strip(stripped);
      if (next == stripped) continue;
      layout_problems.push_back(fmt::format("line {} {}", first_difference_line(stripped, next), what));
      stripped = std::move(next);
      InterleaveResult again = judge(stripped);
      if (again.kind == InterleaveResult::Kind::legal)
        return GradeOutcome::fail(join_problems(layout_problems), text_diff(stripped, out));
      if (again.kind == InterleaveResult::Kind::undecided) break;  // the output itself is wrong: say why below
      if (auto layout = diagnose_line_breaks(spec_, flat_search_, stripped)) {
        layout_problems.insert(layout_problems.end(), layout->problems.begin(), layout->problems.end());
        return GradeOutcome::fail(join_problems(layout_problems), text_diff(layout->closest, out));
      }
    }
    if (auto layout = diagnose_line_breaks(spec_, flat_search_, out))
      return GradeOutcome::fail(join_problems(layout->problems), text_diff(layout->closest, out));
    bool framed = out.size() >= prefix_.size() + suffix_.size() && out.starts_with(prefix_) && out.ends_with(suffix_);
    InterleaveDiagnosis diagnosis = diagnose_interleaving(spec_, out);
    std::vector<std::string> problems = std::move(diagnosis.problems);
    if (problems.empty()) problems.push_back(fallback_problem(out, framed, result));
    return GradeOutcome::fail(join_problems(problems), text_diff(diagnosis.closest, out));
  }

  std::string example_output() const override {
    std::string out = prefix_;
    for (const auto& worker : spec_.workers) out += join_lines(worker);
    return out + suffix_;
  }

 private:
  // Each worker's writes: its lines' pieces, each line followed by "\n" (or not: `breaks`).
  static std::vector<std::vector<std::string>> writes_of(const std::vector<std::vector<Line>>& workers,
                                                         bool breaks = true) {
    std::vector<std::vector<std::string>> writes;
    for (const auto& worker : workers) {
      std::vector<std::string> w;
      for (const auto& line : worker) {
        w.insert(w.end(), line.begin(), line.end());
        if (breaks) w.push_back("\n");
      }
      writes.push_back(std::move(w));
    }
    return writes;
  }

  // Legal (framed by the main thread's lines, and a shuffle of the workers' writes) or not.
  InterleaveResult judge(std::string_view out) const {
    InterleaveResult result;
    if (out.size() < prefix_.size() + suffix_.size() || !out.starts_with(prefix_) || !out.ends_with(suffix_))
      return result;
    return search_.run(out.substr(prefix_.size(), out.size() - prefix_.size() - suffix_.size()));
  }

  static GradeOutcome gave_up(const InterleaveResult& result) {
    return {Verdict::internal_error, 0.0,
            fmt::format("the interleave grader gave up after {} search states (its budget: 400000, or 2 per "
                        "write, within 40 MiB; see docs/graders.md): the output is neither proved legal nor "
                        "illegal; declare fewer workers or more distinct lines",
                        result.states),
            {}};
  }

  static std::string strip_carriage_returns(std::string_view out) {
    std::string s;
    for (std::size_t i = 0; i < out.size(); ++i)
      if (out[i] != '\r' || (i + 1 < out.size() && out[i + 1] != '\n')) s += out[i];
    return s;
  }

  static std::string strip_trailing_blanks(std::string_view out) {
    std::string s;
    std::size_t blanks = 0;  // spaces and tabs just before out[i]
    for (std::size_t i = 0; i < out.size(); ++i) {
      char c = out[i];
      if (c == ' ' || c == '\t') {
        ++blanks;
        continue;
      }
      if (c != '\n' && c != '\r') s.append(out.substr(i - blanks, blanks));
      blanks = 0;
      s += c;
    }
    return s;
  }

  static std::size_t first_difference_line(std::string_view a, std::string_view b) {
    std::size_t i = 0;
    while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
    return 1 + static_cast<std::size_t>(std::count(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(i), '\n'));
  }

  // When every text is where it may be but the line breaks are not.
  std::string fallback_problem(std::string_view out, bool framed, const InterleaveResult& result) const {
    std::size_t expected_breaks = spec_.before.size() + spec_.after.size();
    for (const auto& worker : spec_.workers) expected_breaks += worker.size();
    auto breaks = static_cast<std::size_t>(std::count(out.begin(), out.end(), '\n'));
    if (breaks != expected_breaks)
      return fmt::format("the output has {}; expected {} (one per printed line)", count_of(breaks, "line break"),
                         expected_breaks);
    if (!out.starts_with(prefix_)) return "the output must start with " + quote(prefix_);
    if (!framed) return "the output must end with " + quote(suffix_);
    std::size_t pos = std::min(out.size(), prefix_.size() + result.deepest);
    auto line = 1 + std::count(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(pos), '\n');
    std::size_t end = out.find('\n', pos);
    if (end == pos) return fmt::format("the line break in line {} comes before the text it ends", line);
    std::string_view rest = out.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    return fmt::format("no worker's next write fits {} in line {}", quote(rest), line);
  }

  InterleaveSpec spec_;
  std::string prefix_, suffix_;
  InterleaveSearch search_;
  InterleaveSearch flat_search_;  // the same writes without the line breaks
};

// A line: a string (one write) or an array of strings (several writes).
Line parse_line(const Value& v, const std::string& key, const std::string& where) {
  Line line;
  if (v.is_string()) {
    line.push_back(v.as_string());
  } else if (v.is_array()) {
    for (const Value& part : v.as_array()) {
      if (!part.is_string())
        throw OptionError(key, fmt::format("{} must be a string or an array of strings, but holds {}", where,
                                           part.type_name()));
      line.push_back(part.as_string());
    }
  } else {
    throw OptionError(key, fmt::format("{} must be a string or an array of strings, not {}", where, v.type_name()));
  }
  for (const auto& part : line)
    if (part.find('\n') != std::string::npos)
      throw OptionError(key, fmt::format("{} holds a newline; give each line separately", where));
  return line;
}

}  // namespace

std::unique_ptr<Grader> make_interleave_grader(const Options& options, const GraderHost&) {
  options.allow_only({"workers", "lines", "before", "after"});
  std::vector<std::vector<Line>> workers;
  if (const Value* v = options.find("workers")) {
    if (!v->is_array())
      throw OptionError("workers", fmt::format("'workers' must be an array of workers (arrays of lines), not {}",
                                               v->type_name()));
    std::size_t w = 0;
    for (const Value& worker : v->as_array()) {
      ++w;
      std::vector<Line> lines;
      if (worker.is_string()) {
        lines.push_back(parse_line(worker, "workers", fmt::format("'workers' item {}", w)));
      } else if (worker.is_array()) {
        std::size_t k = 0;
        for (const Value& line : worker.as_array())
          lines.push_back(parse_line(line, "workers", fmt::format("'workers' item {} line {}", w, ++k)));
      } else {
        throw OptionError("workers", fmt::format("'workers' item {} must be an array of lines, not {}", w,
                                                 worker.type_name()));
      }
      workers.push_back(std::move(lines));
    }
  }
  if (const Value* v = options.find("lines")) {
    if (v->is_string()) {
      workers.push_back({parse_line(*v, "lines", "'lines'")});
    } else if (v->is_array()) {
      std::size_t k = 0;
      for (const Value& line : v->as_array())
        workers.push_back({parse_line(line, "lines", fmt::format("'lines' item {}", ++k))});
    } else {
      throw OptionError("lines", fmt::format("'lines' must be an array of lines, not {}", v->type_name()));
    }
  }
  if (workers.empty()) throw OptionError("workers", "interleave needs 'workers' or 'lines' (at least one line)");
  auto main_lines = [&](const std::string& key) {
    auto lines = options.get_strings(key, {});
    for (const auto& line : lines)
      if (line.find('\n') != std::string::npos)
        throw OptionError(key, fmt::format("'{}' item {} holds a newline; give each line separately", key, quote(line)));
    return lines;
  };
  auto before = main_lines("before");
  auto after = main_lines("after");
  return std::make_unique<InterleaveGrader>(std::move(before), std::move(workers), std::move(after));
}

}  // namespace exengine
