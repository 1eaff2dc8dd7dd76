#include "manifest/toml_reader.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <algorithm>
#include <sstream>

#include "core/suggest.h"

namespace exengine {

toml::table TomlReader::parse(std::string_view text) const {
  try {
    return toml::parse(text, std::string_view(display_));
  } catch (const toml::parse_error& e) {
    const auto& begin = e.source().begin;
    fail({display_, static_cast<int>(begin.line), static_cast<int>(begin.column)},
         "TOML syntax error: " + std::string(e.description()));
  }
}

SourcePos TomlReader::pos(const toml::node& node) const {
  const auto& begin = node.source().begin;
  return {display_, static_cast<int>(begin.line), static_cast<int>(begin.column)};
}

SourcePos TomlReader::pos(const toml::key& key) const {
  const auto& begin = key.source().begin;
  return {display_, static_cast<int>(begin.line), static_cast<int>(begin.column)};
}

void TomlReader::fail(const SourcePos& at, const std::string& message) const {
  throw ManifestError(at, message);
}

std::vector<TomlReader::Entry> TomlReader::entries(const toml::table& table) {
  std::vector<Entry> out;
  for (const auto& [key, node] : table) out.push_back({&key, &node});
  std::stable_sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) {
    const auto& x = a.key->source().begin;
    const auto& y = b.key->source().begin;
    return x.line != y.line ? x.line < y.line : x.column < y.column;
  });
  return out;
}

void TomlReader::unknown_key(const Entry& entry, const std::vector<std::string>& known,
                             const std::string& where) const {
  std::string message = "unknown key '" + entry.name() + "' " + where;
  if (auto close = closest_match(entry.name(), known))
    message += " (did you mean '" + *close + "'?)";
  else
    message += " (valid: " + fmt::to_string(fmt::join(known, ", ")) + ")";
  fail(pos(*entry.key), message);
}

void TomlReader::require_keys(const toml::table& table, const std::vector<std::string>& required,
                              const std::string& label) const {
  for (const auto& key : required)
    if (!table.contains(key)) fail(pos(table), label + " is missing required key '" + key + "'");
}

void TomlReader::wrong_type(const Entry& entry, const std::string& expected) const {
  fail(pos(*entry.node),
       "'" + entry.name() + "' must be " + expected + ", not " + type_phrase(*entry.node));
}

std::string TomlReader::string(const Entry& entry) const {
  if (const auto* s = entry.node->as_string()) return s->get();
  wrong_type(entry, "a string");
}

std::string TomlReader::non_empty_string(const Entry& entry) const {
  std::string s = string(entry);
  if (s.empty()) fail(pos(*entry.node), "'" + entry.name() + "' must not be empty");
  return s;
}

std::int64_t TomlReader::integer(const Entry& entry) const {
  if (const auto* i = entry.node->as_integer()) return i->get();
  wrong_type(entry, "an integer");
}

double TomlReader::number(const Entry& entry) const {
  if (const auto* i = entry.node->as_integer()) return static_cast<double>(i->get());
  if (const auto* f = entry.node->as_floating_point()) return f->get();
  wrong_type(entry, "a number");
}

bool TomlReader::boolean(const Entry& entry) const {
  if (const auto* b = entry.node->as_boolean()) return b->get();
  wrong_type(entry, "a boolean");
}

std::vector<std::string> TomlReader::strings(const Entry& entry) const {
  const auto* array = entry.node->as_array();
  if (!array) wrong_type(entry, "an array of strings");
  std::vector<std::string> out;
  for (const auto& item : *array) {
    const auto* s = item.as_string();
    if (!s)
      fail(pos(item), "'" + entry.name() + "' must be an array of strings, but holds " +
                          type_phrase(item));
    out.push_back(s->get());
  }
  return out;
}

const toml::table& TomlReader::table(const Entry& entry) const {
  if (const auto* t = entry.node->as_table()) return *t;
  wrong_type(entry, "a table");
}

Value TomlReader::to_value(const toml::node& node) {
  const auto& begin = node.source().begin;
  const int line = static_cast<int>(begin.line), column = static_cast<int>(begin.column);
  switch (node.type()) {
    case toml::node_type::table: {
      Table table;
      for (const auto& e : entries(*node.as_table())) table.emplace_back(e.name(), to_value(*e.node));
      return Value(std::move(table), line, column);
    }
    case toml::node_type::array: {
      Array array;
      for (const auto& item : *node.as_array()) array.push_back(to_value(item));
      return Value(std::move(array), line, column);
    }
    case toml::node_type::string:
      return Value(node.as_string()->get(), line, column);
    case toml::node_type::integer:
      return Value(node.as_integer()->get(), line, column);
    case toml::node_type::floating_point:
      return Value(node.as_floating_point()->get(), line, column);
    case toml::node_type::boolean:
      return Value(node.as_boolean()->get(), line, column);
    case toml::node_type::date:
    case toml::node_type::time:
    case toml::node_type::date_time: {
      std::ostringstream text;
      node.visit([&](const auto& v) { text << v; });
      return Value(text.str(), line, column);
    }
    default:
      return Value(Value::Storage{}, line, column);
  }
}

std::string TomlReader::type_phrase(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a float";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    default: return "nothing";
  }
}

}  // namespace exengine
