// `fields`: lines matching `pattern` (capture groups named by `names`); `count` lines must match
// (default: at least one); every matching line must satisfy every check of `checks`
// ("FIELD OP VALUE", VALUE a number or another field; OP one of >=, <=, ==, !=, >, <). A field a
// check uses must parse as a number.
#include <charconv>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "graders/builtin_graders.h"
#include "graders/line_pattern.h"
#include "graders/text_lines.h"

namespace exengine {

namespace {

struct Check {
  std::string text;  // as written, for messages
  std::size_t left = 0;
  std::string op;
  std::optional<std::size_t> right_field;
  double right_value = 0;
};

std::optional<double> parse_number(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  double v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

bool holds(double a, const std::string& op, double b) {
  if (op == ">=") return a >= b;
  if (op == "<=") return a <= b;
  if (op == "==") return a == b;
  if (op == "!=") return a != b;
  if (op == ">") return a > b;
  return a < b;
}

std::string number_text(double v) { return fmt::format("{}", v); }

class FieldsGrader : public Grader {
 public:
  FieldsGrader(LinePattern pattern, std::vector<std::string> names, std::optional<long long> count,
               std::vector<Check> checks)
      : pattern_(std::move(pattern)), names_(std::move(names)), count_(count), checks_(std::move(checks)) {}

  GradeOutcome grade(const GradeInput& input) const override {
    long long matched = 0;
    std::vector<std::string> groups;
    for (auto line : split_lines(input.output)) {
      if (!pattern_.match(line, groups)) continue;
      ++matched;
      for (const Check& check : checks_) {
        auto left = number(groups, check.left, line);
        if (!left.ok) return GradeOutcome::fail(left.problem);
        double right = check.right_value;
        if (check.right_field) {
          auto r = number(groups, *check.right_field, line);
          if (!r.ok) return GradeOutcome::fail(r.problem);
          right = r.value;
        }
        if (!holds(left.value, check.op, right))
          return GradeOutcome::fail(fmt::format("check '{}' fails for line {} ({} is {})", check.text, quote(line),
                                                names_[check.left], number_text(left.value)));
      }
    }
    if (count_ && matched != *count_)
      return GradeOutcome::fail(fmt::format("found {} matching {}; expected {}", count_of(matched, "line"),
                                            pattern_.label(), *count_));
    if (!count_ && matched == 0) return GradeOutcome::fail("no line matches " + pattern_.label());
    return GradeOutcome::pass();
  }

 private:
  struct Number {
    bool ok;
    double value;
    std::string problem;
  };
  Number number(const std::vector<std::string>& groups, std::size_t field, std::string_view line) const {
    const std::string& text = field < groups.size() ? groups[field] : std::string();
    if (auto v = parse_number(text)) return {true, *v, {}};
    return {false, 0,
            fmt::format("in line {}, '{}' is {}, not a number", quote(line), names_[field], quote(text))};
  }

  LinePattern pattern_;
  std::vector<std::string> names_;
  std::optional<long long> count_;
  std::vector<Check> checks_;
};

Check parse_check(const std::string& text, const std::vector<std::string>& names) {
  static const char* kOps[] = {">=", "<=", "==", "!=", ">", "<"};
  auto bad = [&](const std::string& why) { return OptionError("checks", "check " + quote(text) + ": " + why); };
  Check check;
  check.text = text;
  std::size_t at = std::string::npos;
  for (const char* op : kOps) {
    std::size_t p = text.find(op);
    if (p != std::string::npos) {
      at = p;
      check.op = op;
      break;
    }
  }
  if (at == std::string::npos) throw bad("expected 'FIELD OP VALUE' with OP one of >=, <=, ==, !=, >, <");
  auto trim = [](std::string s) {
    while (!s.empty() && s.front() == ' ') s.erase(s.begin());
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s;
  };
  std::string left = trim(text.substr(0, at));
  std::string right = trim(text.substr(at + check.op.size()));
  const std::string known = fmt::to_string(fmt::join(names, ", "));
  auto field = [&](const std::string& name) -> std::optional<std::size_t> {
    for (std::size_t i = 0; i < names.size(); ++i)
      if (names[i] == name) return i;
    return std::nullopt;
  };
  auto l = field(left);
  if (!l) throw bad("unknown field " + quote(left) + " (fields: " + known + ")");
  check.left = *l;
  if (auto r = field(right)) {
    check.right_field = r;
  } else if (auto v = parse_number(right)) {
    check.right_value = *v;
  } else {
    throw bad(quote(right) + " is neither a number nor a field (fields: " + known + ")");
  }
  return check;
}

}  // namespace

std::unique_ptr<Grader> make_fields_grader(const Options& options, const GraderHost&) {
  options.allow_only({"pattern", "names", "count", "checks"});
  LinePattern pattern(options.get_string("pattern"), "pattern");
  std::vector<std::string> names = options.get_strings("names", {});
  if (names.size() != pattern.groups())
    throw OptionError("names", fmt::format("'names' has {} but 'pattern' has {}", count_of(names.size(), "name"),
                                           count_of(pattern.groups(), "group")));
  std::optional<long long> count;
  if (options.has("count")) {
    count = options.get_int("count");
    if (*count < 0) throw OptionError("count", "'count' must not be negative");
  }
  std::vector<Check> checks;
  for (const auto& text : options.get_strings("checks", {})) checks.push_back(parse_check(text, names));
  return std::make_unique<FieldsGrader>(std::move(pattern), std::move(names), count, std::move(checks));
}

}  // namespace exengine
