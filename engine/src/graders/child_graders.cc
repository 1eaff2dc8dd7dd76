#include "graders/child_graders.h"

#include <fmt/format.h>

namespace exengine {

std::vector<ChildGrader> make_child_graders(const Options& options, const GraderHost& host) {
  const Value* of = options.find("of");
  if (!of) throw OptionError("of", "missing option 'of'");
  if (!of->is_array() || of->as_array().empty())
    throw OptionError("of", "'of' must be a non-empty array of grader tables ({ name = \"...\", ... })");
  std::vector<ChildGrader> children;
  std::size_t index = 0;
  for (const Value& item : of->as_array()) {
    ++index;
    if (!item.is_table())
      throw OptionError("of", fmt::format("of item {} must be a grader table, not {}", index, item.type_name()));
    const Value* name = item.find("name");
    if (!name || !name->is_string())
      throw OptionError("of", fmt::format("of item {} needs a grader 'name' (a string)", index));
    Table rest;
    for (const auto& [k, v] : item.as_table())
      if (k != "name") rest.emplace_back(k, v);
    try {
      children.push_back({name->as_string(),
                          host.make(name->as_string(), Options(Value(std::move(rest), item.line(), item.column())))});
    } catch (const OptionError& e) {
      throw OptionError("of", fmt::format("of item {} ({}): {}", index, name->as_string(), e.what()));
    }
  }
  return children;
}

namespace {

std::size_t changed_lines(const std::string& diff) {
  std::size_t n = 0, start = 0;
  while (start < diff.size()) {
    std::size_t end = diff.find('\n', start);
    if (end == std::string::npos) end = diff.size();
    std::string_view line(diff.data() + start, end - start);
    if ((line.starts_with("+") && !line.starts_with("+++")) || (line.starts_with("-") && !line.starts_with("---"))) ++n;
    start = end + 1;
  }
  return n;
}

}  // namespace

bool closer(const GradeOutcome& a, const GradeOutcome& b) {
  if (a.score != b.score) return a.score > b.score;
  bool a_diff = !a.diff.empty(), b_diff = !b.diff.empty();
  if (a_diff && b_diff) return changed_lines(a.diff) < changed_lines(b.diff);
  return false;
}

}  // namespace exengine
