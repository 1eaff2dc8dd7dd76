// The hostile corpus of the behaviour record (tests/hostile/record/, issue 14 Must 5): programs
// with no thread that forge, tear or block their record, in Python and C++, each through
// `exengine check` on threads/multiple-threads (threads_started >= 3, threads_joined >= 3) under
// tier A and tier B. Each case asserts its verdict (never passed), its message, and that nothing
// outside the run changed (the submission's folder, no record file anywhere near it).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "support/run_command.h"

using namespace exengine::test;
namespace fs = std::filesystem;

namespace {

struct RecordCase {
  fs::path file;
  std::string expect, message, tier;  // tier: "A" when only tier A's outside count can catch it
};

RecordCase parse_case(const fs::path& file) {
  RecordCase c;
  c.file = file;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line) && (line.rfind("#", 0) == 0 || line.rfind("//", 0) == 0)) {
    const std::string body = line.substr(line[0] == '#' ? 2 : 3);
    auto tag = [&](const std::string& key) -> const char* {
      return body.rfind(key + ": ", 0) == 0 ? body.c_str() + key.size() + 2 : nullptr;
    };
    if (auto v = tag("expect")) c.expect = v;
    if (auto v = tag("message")) c.message = v;
    if (auto v = tag("tier")) c.tier = v;
  }
  return c;
}

std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> m;
  for (const auto& e : fs::recursive_directory_iterator(dir)) m[e.path().string()] = read_file(e.path());
  return m;
}

}  // namespace

TEST_CASE("hostile record corpus: forged, torn and blocked records fail, in Python and C++", "[hostile]") {
  const fs::path corpus = fs::path(EXENGINE_SOURCE_DIR) / "tests/hostile/record";
  int cases = 0;
  for (const char* tier : {"A", "B"}) {
    for (const auto& e : fs::directory_iterator(corpus)) {
      const RecordCase c = parse_case(e.path());
      INFO(e.path().filename().string() << " in tier " << tier);
      REQUIRE_FALSE(c.expect.empty());
      TempDir dir;
      const fs::path file = dir / ("main" + e.path().extension().string());
      write_file(file, read_file(e.path()));
      const auto before = snapshot(dir.path());
      CommandResult r = run_exengine(std::string("check --json --tier ") + tier +
                                     " --exercise threads/multiple-threads " + shell_quote(file.string()));
      INFO(r.out << r.err);
      auto results = nlohmann::json::parse(r.out);
      REQUIRE(results.size() == 1);
      const std::string ran_in = results[0].value("tier", "");
      if (ran_in != tier) {
        WARN("skipped: tier " << tier << " is not available here (ran in " << ran_in << ")");
        continue;
      }
      CHECK(results[0]["stdout"] == "Task 0 running\nTask 1 running\nTask 2 running\n");
      CHECK(snapshot(dir.path()) == before);
      CHECK_FALSE(fs::exists(dir / ".exengine-probe.jsonl"));
      // Documented (docs/ta-guide.md): tier B has no outside count, so a program that read the
      // token from the probe's memory can forge a whole process there.
      if (!c.tier.empty() && c.tier != tier) continue;
      CHECK(results[0]["verdict"] != "passed");
      CHECK(results[0]["verdict"] == c.expect);
      CHECK(results[0]["message"].get<std::string>().find(c.message) == 0);
      ++cases;
    }
  }
  CHECK(cases >= 9);  // tier B alone (tier A adds 11 when available)
}
