// `precede`: ordering constraints between lines. Each rule { first, then, message, all }: the first
// line matching `first` must come before the last line matching `then`; with `all` every `first`
// line must come before every `then` line. Both must appear. A failure names the lines involved and
// then the rule's own `message`: "'Main program ends' came before the last 'Daemon running': ...".
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "graders/builtin_graders.h"
#include "graders/line_pattern.h"
#include "graders/text_lines.h"

namespace exengine {

namespace {

struct Rule {
  LinePattern first;
  LinePattern then;
  std::string message;
  bool all = false;
};

std::string never(const LinePattern& p) {
  return p.literal() ? quote(*p.literal()) + " never appeared" : "no line matches " + p.label();
}

class PrecedeGrader : public Grader {
 public:
  explicit PrecedeGrader(std::vector<Rule> rules) : rules_(std::move(rules)) {}

  GradeOutcome grade(const GradeInput& input) const override {
    auto lines = split_lines(input.output);
    for (const Rule& rule : rules_) {
      std::optional<std::size_t> first_a, last_a, first_b, last_b;  // a: `first` lines, b: `then`
      for (std::size_t i = 0; i < lines.size(); ++i) {
        if (rule.first.matches(lines[i])) {
          if (!first_a) first_a = i;
          last_a = i;
        }
        if (rule.then.matches(lines[i])) {
          if (!first_b) first_b = i;
          last_b = i;
        }
      }
      std::string fact;
      if (!first_a) fact = never(rule.first);
      else if (!first_b) fact = never(rule.then);
      else if (!rule.all && *last_b <= *first_a)
        fact = fmt::format("{} came before {}", quote(lines[*last_b]), quote(lines[*first_a]));
      else if (rule.all && *first_b <= *last_a)
        fact = fmt::format("{} came before the last {}", quote(lines[*first_b]), quote(lines[*last_a]));
      if (!fact.empty()) return GradeOutcome::fail(rule.message.empty() ? fact : fact + ": " + rule.message);
    }
    return GradeOutcome::pass();
  }

 private:
  std::vector<Rule> rules_;
};

std::string rule_string(const Table& table, const std::string& key, std::size_t index, bool required) {
  for (const auto& [k, v] : table) {
    if (k != key) continue;
    if (!v.is_string())
      throw OptionError("rules", fmt::format("rules item {}: '{}' must be a string, not {}", index, key, v.type_name()));
    return v.as_string();
  }
  if (required) throw OptionError("rules", fmt::format("rules item {}: missing '{}'", index, key));
  return {};
}

}  // namespace

std::unique_ptr<Grader> make_precede_grader(const Options& options, const GraderHost&) {
  options.allow_only({"rules", "all"});
  bool all_default = options.get_bool("all", false);
  const Value* rules_value = options.find("rules");
  if (!rules_value) throw OptionError("rules", "missing option 'rules'");
  if (!rules_value->is_array() || rules_value->as_array().empty())
    throw OptionError("rules", "'rules' must be a non-empty array of tables { first, then, message, all }");
  std::vector<Rule> rules;
  std::size_t index = 0;
  for (const Value& item : rules_value->as_array()) {
    ++index;
    if (!item.is_table())
      throw OptionError("rules", fmt::format("rules item {} must be a table {{ first, then, message, all }}, not {}",
                                             index, item.type_name()));
    const Table& t = item.as_table();
    bool all = all_default;
    for (const auto& [k, v] : t) {
      if (k == "all") {
        if (!v.is_bool())
          throw OptionError("rules", fmt::format("rules item {}: 'all' must be a boolean, not {}", index, v.type_name()));
        all = v.as_bool();
      } else if (k != "first" && k != "then" && k != "message") {
        throw OptionError("rules", fmt::format("rules item {}: unknown key '{}' (valid: first, then, message, all)",
                                               index, k));
      }
    }
    std::string where = fmt::format("rules item {}: ", index);
    auto pattern = [&](const std::string& key) {
      try {
        return LinePattern(rule_string(t, key, index, true), key);
      } catch (const OptionError& e) {
        if (std::string_view(e.what()).rfind("rules item", 0) == 0) throw;
        throw OptionError("rules", where + e.what());
      }
    };
    LinePattern first = pattern("first");
    LinePattern then = pattern("then");
    rules.push_back({std::move(first), std::move(then), rule_string(t, "message", index, false), all});
  }
  return std::make_unique<PrecedeGrader>(std::move(rules));
}

}  // namespace exengine
