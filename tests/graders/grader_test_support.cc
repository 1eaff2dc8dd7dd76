#include "grader_test_support.h"

#include <algorithm>

#include <toml++/toml.h>

#include "graders/builtin_graders.h"
#include "graders/grader_registry.h"

namespace exengine::test {

namespace {

Value convert(const toml::node& node) {
  int line = static_cast<int>(node.source().begin.line), column = static_cast<int>(node.source().begin.column);
  if (auto* s = node.as_string()) return Value(Value::Storage(std::string(s->get())), line, column);
  if (auto* i = node.as_integer()) return Value(Value::Storage(static_cast<std::int64_t>(i->get())), line, column);
  if (auto* f = node.as_floating_point()) return Value(Value::Storage(f->get()), line, column);
  if (auto* b = node.as_boolean()) return Value(Value::Storage(b->get()), line, column);
  if (auto* a = node.as_array()) {
    Array out;
    for (const auto& item : *a) out.push_back(convert(item));
    return Value(Value::Storage(std::move(out)), line, column);
  }
  if (auto* t = node.as_table()) {
    // toml::table iterates in key order; sort by source position to keep the written order.
    std::vector<std::pair<std::string, const toml::node*>> items;
    for (const auto& [k, v] : *t) items.emplace_back(std::string(k.str()), &v);
    std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) {
      auto pa = a.second->source().begin, pb = b.second->source().begin;
      return std::pair(pa.line, pa.column) < std::pair(pb.line, pb.column);
    });
    Table out;
    for (const auto& [k, v] : items) out.emplace_back(k, convert(*v));
    return Value(Value::Storage(std::move(out)), line, column);
  }
  return Value();
}

const GraderRegistry& builtins() {
  static const GraderRegistry* registry = [] {
    auto* r = new GraderRegistry;
    register_builtin_graders(*r);
    return r;
  }();
  return *registry;
}

}  // namespace

Options toml_options(std::string_view toml) {
  toml::table table = toml::parse(toml);
  return Options(convert(table));
}

std::unique_ptr<Grader> make_grader(std::string_view name, std::string_view toml) {
  return builtins().make(name, toml_options(toml));
}

std::unique_ptr<Grader> make_grader(std::string_view name, const Options& options) {
  return builtins().make(name, options);
}

std::string build_error(std::string_view name, std::string_view toml) {
  try {
    make_grader(name, toml);
  } catch (const OptionError& e) {
    return e.key() + " | " + e.what();
  }
  return "no error";
}

GradeOutcome grade(const Grader& grader, std::string_view output, double wall_ms) {
  GradeInput input;
  input.output = output;
  input.wall_ms = wall_ms;
  input.language = "python";
  input.exercise_id = "test/exercise";
  return grader.grade(input);
}

}  // namespace exengine::test
