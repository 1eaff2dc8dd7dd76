// The probe counters' names in the five places that need them: core/probe_counters.cc is the one
// list; manifest.cc and probe_record.cc use it (manifest.cc spells none itself); the teaching texts of
// requirements.cc, the Python probe (sitecustomize.py) and the native probe (exengine_probe.c) are
// read here as text and must name the same counters.
#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/probe_counters.h"
#include "manifest/manifest.h"

using namespace exengine;

namespace {

std::string source(const std::string& relative) {
  std::ifstream in(std::string(EXENGINE_SOURCE_DIR) + "/" + relative);
  REQUIRE(in.good());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The text between the first `open` and the next `close` after it.
std::string between(const std::string& text, const std::string& open, const std::string& close) {
  const std::size_t a = text.find(open);
  REQUIRE(a != std::string::npos);
  const std::size_t b = text.find(close, a + open.size());
  REQUIRE(b != std::string::npos);
  return text.substr(a + open.size(), b - a - open.size());
}

// Every match of `pattern`'s first group in `text`, in order.
std::vector<std::string> matches(const std::string& text, const std::string& pattern) {
  std::vector<std::string> out;
  const std::regex re(pattern);
  for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator(); ++it)
    out.push_back((*it)[1]);
  return out;
}

// Every quoted word (lower-case and '_'), "x" or 'x', in order.
std::vector<std::string> quoted(const std::string& text) { return matches(text, R"(["']([a-z_]+)["'])"); }

std::set<std::string> as_set(const std::vector<std::string>& v) { return {v.begin(), v.end()}; }

}  // namespace

TEST_CASE("the Python probe counts exactly the record format's counters, in its order") {
  const std::string py = source("engine/probes/python/sitecustomize.py");
  CHECK(quoted(between(py, "names = (", ")")) == probe_counter_names());
}

TEST_CASE("the merged counters come after the probes' ones, and no probe writes them") {
  std::vector<std::string> both = probe_counter_names();
  both.insert(both.end(), merged_counter_names().begin(), merged_counter_names().end());
  CHECK(record_counter_names() == both);
  const std::string py = source("engine/probes/python/sitecustomize.py");
  for (const auto& n : merged_counter_names()) CHECK(py.find("'" + n + "'") == std::string::npos);
}

TEST_CASE("the native probe counts only counters of the record format, and every requirable one") {
  const std::vector<std::string> native = quoted(between(source("engine/probes/cpp/exengine_probe.c"), "kNames[C_COUNT] = {", "};"));
  REQUIRE(!native.empty());
  const std::set<std::string> all = as_set(probe_counter_names());
  for (const auto& n : native) CHECK(all.count(n) == 1);
  const std::set<std::string> have = as_set(native);
  const std::set<std::string> merged = as_set(merged_counter_names());
  for (const auto& n : requirable_counter_names())
    if (merged.count(n) == 0) CHECK(have.count(n) == 1);
  for (const auto& n : merged_counter_names()) CHECK(have.count(n) == 0);  // the engine computes them
}

TEST_CASE("every counter has its teaching text in requirements.cc, and no other name has one") {
  const std::string texts = between(source("engine/src/behaviour/requirements.cc"), "constexpr CounterText kCounters[] = {", "\n};");
  CHECK(matches(texts, R"re(\{"([a-z_]+)",)re") == record_counter_names());  // each entry's first field
}

TEST_CASE("the manifest takes the counters from core/probe_counters.h, and spells none itself") {
  CHECK(manifest_keys("requires-counters") == requirable_counter_names());
  CHECK(manifest_keys("requires-booleans") == probe_boolean_names());
  const std::string text = source("engine/src/manifest/manifest.cc");
  for (const auto& n : record_counter_names()) CHECK(text.find('"' + n + '"') == std::string::npos);
  const std::set<std::string> all = as_set(record_counter_names());
  for (const auto& n : requirable_counter_names()) CHECK(all.count(n) == 1);
}
