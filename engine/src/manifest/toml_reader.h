// TomlReader: positioned, typed reading of one TOML document for the manifest parser. Every problem
// is thrown as a ManifestError that points at the key or value concerned, in the form the manifest
// tests assert ("'points' must be a number, not a string").
//
// Internal to the manifest parser (it exposes TOML++ types); the rest of the engine sees Manifest.
// A TomlReader holds only the display name; the nodes it reads belong to the caller's toml::table,
// which must outlive every Entry taken from it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "exengine/value.h"
#include "manifest/manifest.h"

namespace exengine {

class TomlReader {
 public:
  // One key = value of a table, in the order the file wrote them.
  struct Entry {
    const toml::key* key;
    const toml::node* node;
    std::string name() const { return std::string(key->str()); }
  };

  explicit TomlReader(std::string display) : display_(std::move(display)) {}
  const std::string& display() const { return display_; }

  // Parses a whole document; a syntax error becomes `FILE:L:C: TOML syntax error: DESCRIPTION`.
  toml::table parse(std::string_view text) const;

  SourcePos pos(const toml::node& node) const;
  SourcePos pos(const toml::key& key) const;
  SourcePos start_of_file() const { return {display_, 1, 1}; }
  [[noreturn]] void fail(const SourcePos& at, const std::string& message) const;

  // toml::table orders its keys alphabetically; this restores the file's order.
  static std::vector<Entry> entries(const toml::table& table);

  // `unknown key 'K' WHERE (did you mean 'X'?)`, or `(valid: ...)` when nothing is close; at the key.
  [[noreturn]] void unknown_key(const Entry& entry, const std::vector<std::string>& known,
                                const std::string& where) const;
  // `LABEL is missing required key 'K'` for the first of `required` that `table` lacks; at the table.
  void require_keys(const toml::table& table, const std::vector<std::string>& required,
                    const std::string& label) const;

  // Typed values: a wrong type is `'KEY' must be EXPECTED, not ACTUAL` at the value.
  std::string string(const Entry& entry) const;
  std::string non_empty_string(const Entry& entry) const;  // also `'KEY' must not be empty`
  std::int64_t integer(const Entry& entry) const;
  double number(const Entry& entry) const;  // an integer or a float
  bool boolean(const Entry& entry) const;
  std::vector<std::string> strings(const Entry& entry) const;  // an array of strings
  const toml::table& table(const Entry& entry) const;
  [[noreturn]] void wrong_type(const Entry& entry, const std::string& expected) const;

  // The node as an SDK Value (tables keep the file's key order; every value keeps its line and
  // column). Dates and times, which the SDK has no type for, become their TOML text.
  static Value to_value(const toml::node& node);
  // "a string", "an integer", "a float", "a boolean", "an array", "a table", "a date", ...
  static std::string type_phrase(const toml::node& node);

 private:
  std::string display_;
};

}  // namespace exengine
