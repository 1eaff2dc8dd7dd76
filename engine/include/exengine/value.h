// exengine plugin SDK: grader options, as written in plugin.toml.
//
// Contract
// - The engine converts an exercise's `[exercise.grader]` table (every key but `name`) into an
//   Options table before it calls a GraderFactory. Values keep the line and column they came from,
//   so an error can point at the manifest.
// - Options are immutable once built and safe to read from any thread. A factory may copy what it
//   needs; it must not keep references into the Options past its return.
// - A factory that rejects its options throws OptionError naming the offending key. The engine turns
//   that into `plugin.toml:LINE:COL: grader 'NAME': MESSAGE` and skips the exercise; it never
//   crashes on a throwing factory.
// - Integers are 64-bit. A TOML float is a double; get_number() accepts both.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "exengine/abi.h"

namespace exengine {

class Value;
using Array = std::vector<Value>;
using Table = std::vector<std::pair<std::string, Value>>;  // keeps the manifest's key order

class Value {
 public:
  using Storage = std::variant<std::monostate, bool, std::int64_t, double, std::string, Array, Table>;

  Value() = default;
  Value(Storage s, int line = 0, int column = 0) : data_(std::move(s)), line_(line), column_(column) {}

  bool is_null() const { return std::holds_alternative<std::monostate>(data_); }
  bool is_bool() const { return std::holds_alternative<bool>(data_); }
  bool is_int() const { return std::holds_alternative<std::int64_t>(data_); }
  bool is_number() const { return is_int() || std::holds_alternative<double>(data_); }
  bool is_string() const { return std::holds_alternative<std::string>(data_); }
  bool is_array() const { return std::holds_alternative<Array>(data_); }
  bool is_table() const { return std::holds_alternative<Table>(data_); }

  bool as_bool() const { return std::get<bool>(data_); }
  std::int64_t as_int() const { return std::get<std::int64_t>(data_); }
  double as_number() const {
    return is_int() ? static_cast<double>(std::get<std::int64_t>(data_)) : std::get<double>(data_);
  }
  const std::string& as_string() const { return std::get<std::string>(data_); }
  const Array& as_array() const { return std::get<Array>(data_); }
  const Table& as_table() const { return std::get<Table>(data_); }

  // Table lookup; nullptr when this is not a table or has no such key.
  const Value* find(std::string_view key) const {
    if (!is_table()) return nullptr;
    for (const auto& [k, v] : as_table())
      if (k == key) return &v;
    return nullptr;
  }

  // "string", "integer", "float", "boolean", "array", "table" or "nothing": for error messages.
  const char* type_name() const {
    switch (data_.index()) {
      case 1: return "boolean";
      case 2: return "integer";
      case 3: return "float";
      case 4: return "string";
      case 5: return "array";
      case 6: return "table";
      default: return "nothing";
    }
  }

  int line() const { return line_; }
  int column() const { return column_; }
  const Storage& storage() const { return data_; }

 private:
  Storage data_;
  int line_ = 0;
  int column_ = 0;
};

// Thrown by a GraderFactory (or the helpers below) when an option is missing or malformed.
// Exported, with its destructor (the key function) defined in the engine: every plugin shares the
// engine's typeinfo, so the engine's `catch (const OptionError&)` matches a plugin's throw by type.
class EXENGINE_EXPORT OptionError : public std::runtime_error {
 public:
  OptionError(std::string key, const std::string& message)
      : std::runtime_error(message), key_(std::move(key)) {}
  ~OptionError() override;
  const std::string& key() const { return key_; }

 private:
  std::string key_;
};

// A grader's options: a Table with typed accessors that throw OptionError with a clear message.
class Options {
 public:
  Options() : root_(Table{}) {}
  explicit Options(Value table) : root_(std::move(table)) {}

  const Value& root() const { return root_; }
  const Value* find(std::string_view key) const { return root_.find(key); }
  bool has(std::string_view key) const { return find(key) != nullptr; }

  std::string get_string(const std::string& key) const { return as<std::string>(key, "a string"); }
  std::string get_string(const std::string& key, std::string fallback) const {
    return has(key) ? get_string(key) : fallback;
  }
  std::int64_t get_int(const std::string& key) const { return as<std::int64_t>(key, "an integer"); }
  std::int64_t get_int(const std::string& key, std::int64_t fallback) const {
    return has(key) ? get_int(key) : fallback;
  }
  double get_number(const std::string& key) const {
    const Value& v = require(key);
    if (!v.is_number()) throw OptionError(key, "'" + key + "' must be a number, not " + v.type_name());
    return v.as_number();
  }
  double get_number(const std::string& key, double fallback) const {
    return has(key) ? get_number(key) : fallback;
  }
  bool get_bool(const std::string& key, bool fallback) const {
    return has(key) ? as<bool>(key, "a boolean") : fallback;
  }
  // An array of strings; a single string is accepted as a one-element list.
  std::vector<std::string> get_strings(const std::string& key) const {
    const Value& v = require(key);
    if (v.is_string()) return {v.as_string()};
    if (!v.is_array()) throw OptionError(key, "'" + key + "' must be an array of strings, not " + v.type_name());
    std::vector<std::string> out;
    for (const Value& item : v.as_array()) {
      if (!item.is_string())
        throw OptionError(key, "'" + key + "' must be an array of strings, but holds " + item.type_name());
      out.push_back(item.as_string());
    }
    return out;
  }
  std::vector<std::string> get_strings(const std::string& key, std::vector<std::string> fallback) const {
    return has(key) ? get_strings(key) : fallback;
  }

  // Every key not in `known` is an error: a typo in an option must not pass silently.
  void allow_only(const std::vector<std::string>& known) const {
    if (!root_.is_table()) return;
    for (const auto& [k, v] : root_.as_table()) {
      bool ok = false;
      for (const auto& name : known) ok = ok || name == k;
      if (!ok) {
        std::string list;
        for (const auto& name : known) list += (list.empty() ? "" : ", ") + name;
        throw OptionError(k, "unknown option '" + k + "' (valid: " + (list.empty() ? "none" : list) + ")");
      }
    }
  }

 private:
  const Value& require(const std::string& key) const {
    const Value* v = find(key);
    if (!v) throw OptionError(key, "missing option '" + key + "'");
    return *v;
  }
  template <class T>
  T as(const std::string& key, const char* what) const {
    const Value& v = require(key);
    if (!std::holds_alternative<T>(v.storage()))
      throw OptionError(key, "'" + key + "' must be " + what + ", not " + v.type_name());
    return std::get<T>(v.storage());
  }

  Value root_;
};

}  // namespace exengine
