// Approval tests: each report of the fixed sample results must equal its approved file under
// tests/golden/. To re-approve after an intended change, run the test with EXENGINE_APPROVE=1 and
// review the diff of tests/golden/ before committing it.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "report/class_results.h"
#include "report/csv_report.h"
#include "report/gradescope_report.h"
#include "report/html_report.h"
#include "report/json_report.h"
#include "report/junit_report.h"
#include "sample_results.h"

using namespace exengine;
namespace fs = std::filesystem;

namespace {

const fs::path kGolden = fs::path(EXENGINE_SOURCE_DIR) / "tests" / "golden";

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void approve(const std::string& name, const std::string& actual) {
  const fs::path file = kGolden / name;
  if (const char* a = std::getenv("EXENGINE_APPROVE"); a && std::string(a) == "1") {
    fs::create_directories(kGolden);
    std::ofstream(file, std::ios::binary) << actual;
    WARN("approved " << file.string());
    return;
  }
  INFO("golden file " << file.string() << " (re-approve with EXENGINE_APPROVE=1 after reviewing the change)");
  REQUIRE(fs::exists(file));
  CHECK(slurp(file) == actual);
}

}  // namespace

TEST_CASE("golden: report.json") { approve("report.json", json_report(ClassResults(testing::sample_results()))); }
TEST_CASE("golden: grades.csv") { approve("grades.csv", csv_report(ClassResults(testing::sample_results()))); }
TEST_CASE("golden: junit.xml") { approve("junit.xml", junit_report(ClassResults(testing::sample_results()))); }
TEST_CASE("golden: index.html") { approve("index.html", html_report(ClassResults(testing::sample_results()))); }
TEST_CASE("golden: gradescope results.json") {
  auto docs = gradescope_reports(ClassResults(testing::sample_results()));
  REQUIRE(docs.size() == 6);
  approve("gradescope-bob.json", docs.at("bob"));
  approve("gradescope-script.json", docs.at("<script>alert(1)</script>"));
}

TEST_CASE("reports do not depend on the order results arrive in") {
  auto results = testing::sample_results();
  const std::string forward = json_report(ClassResults(results)) + html_report(ClassResults(results));
  // Reverse, but keep the duplicate's order (the later result must still win).
  std::vector<ExerciseResult> shuffled(results.rbegin() + 1, results.rend());
  shuffled.push_back(results.back());
  CHECK(json_report(ClassResults(shuffled)) + html_report(ClassResults(shuffled)) == forward);
}
