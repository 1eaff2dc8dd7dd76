// docs/manifest.md and the parser must agree: the key tables list exactly the keys the parser
// accepts (and which are required), the prose lists of limits and requirement counters match, and
// the page's TOML examples parse.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "manifest/manifest.h"

using namespace exengine;

namespace {

std::string read_doc() {
  std::ifstream in(std::filesystem::path(EXENGINE_SOURCE_DIR) / "docs/manifest.md");
  REQUIRE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Every `word` in `text`, in order.
std::vector<std::string> backticked(std::string_view text) {
  std::vector<std::string> out;
  for (std::size_t at = text.find('`'); at != std::string_view::npos;) {
    const std::size_t end = text.find('`', at + 1);
    if (end == std::string_view::npos) break;
    out.emplace_back(text.substr(at + 1, end - at - 1));
    at = text.find('`', end + 1);
  }
  return out;
}

std::string trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return std::string(s);
}

std::vector<std::string> cells(const std::string& row) {
  std::vector<std::string> out;
  std::stringstream ss(row);
  std::string cell;
  while (std::getline(ss, cell, '|')) out.push_back(trim(cell));
  return out;  // out[0] is the empty text before the first '|'
}

struct DocTable {
  std::vector<std::string> keys;
  std::vector<std::string> required;
  std::vector<std::vector<std::string>> rows;
};

// The table under the heading "## `HEADING`".
DocTable doc_table(const std::string& doc, const std::string& heading) {
  DocTable t;
  const std::size_t start = doc.find("## `" + heading + "`");
  REQUIRE(start != std::string::npos);
  std::stringstream ss(doc.substr(start));
  std::string line;
  std::getline(ss, line);  // the heading
  while (std::getline(ss, line) && line.rfind("## ", 0) != 0) {
    if (line.rfind("| `", 0) != 0) continue;
    auto row = cells(line);
    REQUIRE(row.size() >= 5);
    const auto names = backticked(row[1]);
    REQUIRE(names.size() == 1);
    t.keys.push_back(names[0]);
    if (row[3] == "yes") t.required.push_back(names[0]);
    else CHECK(row[3] == "no");
    t.rows.push_back(row);
  }
  return t;
}

const std::vector<std::string>* row_of(const DocTable& t, const std::string& key) {
  for (std::size_t i = 0; i < t.keys.size(); ++i)
    if (t.keys[i] == key) return &t.rows[i];
  return nullptr;
}

}  // namespace

TEST_CASE("docs/manifest.md lists exactly the parser's top-level tables", "[manifest][doc]") {
  const std::string doc = read_doc();
  std::vector<std::string> headings;
  std::stringstream ss(doc);
  std::string line;
  while (std::getline(ss, line))
    if (line.rfind("## `[", 0) == 0) {
      std::string name = backticked(line).at(0);
      name.erase(0, name.find_first_not_of('['));
      name.erase(name.find_first_of(']'));
      headings.push_back(name);
    }
  CHECK(headings == manifest_keys("top"));
}

TEST_CASE("docs/manifest.md's key tables match the parser", "[manifest][doc]") {
  const std::string doc = read_doc();
  const DocTable plugin = doc_table(doc, "[plugin]");
  CHECK(plugin.keys == manifest_keys("plugin"));
  CHECK(plugin.required == manifest_required_keys("plugin"));
  const DocTable exercise = doc_table(doc, "[[exercise]]");
  CHECK(exercise.keys == manifest_keys("exercise"));
  CHECK(exercise.required == manifest_required_keys("exercise"));

  // The limits are listed in the meaning column of the `limits` row.
  const auto* limits = row_of(exercise, "limits");
  REQUIRE(limits != nullptr);
  CHECK(backticked((*limits)[4]) == manifest_keys("limits"));
}

TEST_CASE("docs/manifest.md's requirement counters match the parser", "[manifest][doc]") {
  const std::string doc = read_doc();
  const std::size_t counters = doc.find("Counters:");
  const std::size_t booleans = doc.find("booleans:", counters);
  REQUIRE(counters != std::string::npos);
  REQUIRE(booleans != std::string::npos);
  const std::size_t end = doc.find("\n\n", booleans);
  CHECK(backticked(std::string_view(doc).substr(counters, booleans - counters)) == manifest_keys("requires-counters"));
  CHECK(backticked(std::string_view(doc).substr(booleans, end - booleans)) == manifest_keys("requires-booleans"));
}

TEST_CASE("docs/manifest.md's TOML examples parse", "[manifest][doc]") {
  const std::string doc = read_doc();
  std::string examples;
  for (std::size_t at = doc.find("```toml\n"); at != std::string::npos; at = doc.find("```toml\n", at)) {
    at += 8;
    const std::size_t end = doc.find("```", at);
    REQUIRE(end != std::string::npos);
    examples += doc.substr(at, end - at);
    at = end + 3;
  }
  REQUIRE_FALSE(examples.empty());
  const std::string plugin = "[plugin]\nname = \"threads\"\ntitle = \"Threads\"\nversion = \"1.0.0\"\nabi = 2\n\n";
  const Manifest m = parse_manifest_text(plugin + examples, "docs/manifest.md");
  REQUIRE(m.exercises.size() == 2);
  CHECK(m.exercises[0].grader.name == "interleave");
  CHECK(m.exercises[1].grader.name == "quiz");
  CHECK(m.exercises[1].grader.options.find("answers") != nullptr);
}
