// What the reports must hold, checked directly (independent of the approved golden files): schemas
// of grades.csv and Gradescope's results.json, escaping, injection safety, JUnit counts.
#include <cstdlib>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "report/class_results.h"
#include "report/class_summary.h"
#include "report/csv_report.h"
#include "report/gradescope_report.h"
#include "report/html_report.h"
#include "report/json_report.h"
#include "report/junit_report.h"
#include "report/markup_escape.h"
#include "report/report_writer.h"
#include "sample_results.h"

using namespace exengine;
using nlohmann::json;

namespace {

// A small RFC 4180 reader: rows of cells.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string cell;
  bool quoted = false, cell_started = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') cell += '"', ++i;
      else if (c == '"') quoted = false;
      else cell += c;
    } else if (c == '"' && !cell_started) {
      quoted = cell_started = true;
    } else if (c == ',') {
      rows.back().push_back(cell), cell.clear(), cell_started = false;
    } else if (c == '\n') {
      rows.back().push_back(cell), cell.clear(), cell_started = false;
      rows.emplace_back();
    } else {
      cell += c, cell_started = true;
    }
  }
  REQUIRE_FALSE(quoted);
  REQUIRE(rows.back().empty());
  rows.pop_back();
  return rows;
}

bool is_number(const std::string& s) {
  if (s.empty()) return false;
  char* end = nullptr;
  std::strtod(s.c_str(), &end);
  return *end == '\0';
}

}  // namespace

TEST_CASE("grades.csv schema: header, one row per student, numeric points, totals add up") {
  ClassResults results(testing::sample_results());
  auto rows = parse_csv(csv_report(results));
  REQUIRE(rows.size() == 1 + results.students().size());
  CHECK(rows[0] == std::vector<std::string>{"student", "threads/simple-thread", "threads/squares", "total"});
  std::set<std::string> names;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    REQUIRE(rows[i].size() == rows[0].size());
    names.insert(rows[i][0]);
    double sum = 0;
    for (std::size_t c = 1; c + 1 < rows[i].size(); ++c) {
      INFO(rows[i][0] << " column " << c << ": '" << rows[i][c] << "'");
      REQUIRE(is_number(rows[i][c]));
      sum += std::stod(rows[i][c]);
    }
    CHECK(std::stod(rows[i].back()) == Approx(sum));
  }
  // The formula-like name is neutralised; the markup name is kept as text.
  CHECK(names.count("'=HYPERLINK(\"http://x\",\"y\")") == 1);
  CHECK(names.count("<script>alert(1)</script>") == 1);
  CHECK(rows[1][0] == "<script>alert(1)</script>");  // byte order: '<' < '=' < 'a'
  CHECK(rows[2][0] == "'=HYPERLINK(\"http://x\",\"y\")");
}

TEST_CASE("CSV cells: injection prefixes and quoting") {
  CHECK(csv_cell("=1+1") == "'=1+1");
  CHECK(csv_cell("+1") == "'+1");
  CHECK(csv_cell("-1") == "'-1");
  CHECK(csv_cell("@SUM(A1)") == "'@SUM(A1)");
  CHECK(csv_cell("\tx") == "'\tx");
  CHECK(csv_cell("\rx") == "\"'\rx\"");
  CHECK(csv_cell("a,b") == "\"a,b\"");
  CHECK(csv_cell("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_cell("plain") == "plain");
  CHECK(csv_cell("7.5") == "7.5");
}

TEST_CASE("Gradescope results.json schema") {
  ClassResults results(testing::sample_results());
  auto docs = gradescope_reports(results);
  REQUIRE(docs.size() == results.students().size());
  const std::set<std::string> visibilities{"hidden", "after_due_date", "after_published", "visible"};
  for (const auto& [student, text] : docs) {
    INFO(student);
    json j = json::parse(text);
    REQUIRE(j.is_object());
    REQUIRE(j.at("score").is_number());
    REQUIRE(j.at("execution_time").is_number_integer());
    REQUIRE(j.at("output").is_string());
    REQUIRE(visibilities.count(j.at("visibility").get<std::string>()));
    REQUIRE(j.at("tests").is_array());
    double sum = 0;
    int number = 0;
    for (const auto& t : j.at("tests")) {
      REQUIRE(t.at("name").is_string());
      REQUIRE(t.at("number").is_string());
      CHECK(t.at("number") == std::to_string(++number));
      REQUIRE(t.at("score").is_number());
      REQUIRE(t.at("max_score").is_number());
      CHECK(t.at("score").get<double>() <= t.at("max_score").get<double>());
      const std::string status = t.at("status");
      CHECK((status == "passed" || status == "failed"));
      REQUIRE(t.at("output").is_string());
      REQUIRE(visibilities.count(t.at("visibility").get<std::string>()));
      sum += t.at("score").get<double>();
    }
    CHECK(j.at("score").get<double>() == Approx(sum));
  }
  json bob = json::parse(docs.at("bob"));
  CHECK(bob["tests"][0]["name"] == "threads/simple-thread");
  CHECK(bob["tests"][0]["status"] == "failed");
  CHECK(bob["tests"][0]["output"] == "timeout: still running after 5 s");
}

TEST_CASE("index.html escapes every untrusted text") {
  const std::string html = html_report(ClassResults(testing::sample_results()));
  CHECK(html.find("<script>") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("<b>bold</b>") == std::string::npos);
  CHECK(html.find("\x1b") == std::string::npos);
  CHECK(html.find("\\x1B[31mred") != std::string::npos);
  CHECK(html.find("\\xFF\\xFE") != std::string::npos);
  CHECK(html.find("<svg id=\"distribution\"") != std::string::npos);
  // Self-contained: no script, no external resource.
  CHECK(html.find(" src=") == std::string::npos);
  CHECK(html.find("href=\"http") == std::string::npos);
  CHECK(html.find("<link") == std::string::npos);
}

TEST_CASE("markup escaping") {
  CHECK(escape_markup("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&#39;");
  CHECK(escape_markup("\x01\t\n") == "\\x01\t\n");
  CHECK(escape_markup("\xef\xbf\xbe") == "\\uFFFE");
  CHECK(escape_markup("\xc3\xa9") == "\xc3\xa9");
}

TEST_CASE("junit.xml counts failures and errors per student") {
  const std::string xml = junit_report(ClassResults(testing::sample_results()));
  CHECK(xml.find("<testsuites name=\"exengine\" tests=\"12\" failures=\"8\" errors=\"1\">") != std::string::npos);
  CHECK(xml.find("<testsuite name=\"alice\" tests=\"2\" failures=\"0\" errors=\"0\"") != std::string::npos);
  CHECK(xml.find("<testsuite name=\"bob\" tests=\"2\" failures=\"2\" errors=\"0\"") != std::string::npos);
  CHECK(xml.find("<failure type=\"timeout\" message=\"still running after 5 s\">") != std::string::npos);
  CHECK(xml.find("<error type=\"internal-error\"") != std::string::npos);
  CHECK(xml.find("\x1b") == std::string::npos);
}

TEST_CASE("report.json holds per-trial detail and probe records, and reads back") {
  ClassResults results(testing::sample_results());
  json j = json::parse(json_report(results));
  CHECK(j["summary"]["students"] == 6);
  CHECK(j["summary"]["results"] == 12);
  CHECK(j["summary"]["passed"] == 3);
  const json& alice = j["students"][0];
  CHECK(alice["name"] == "<script>alert(1)</script>");  // '<' sorts before 'a'
  bool found_probe = false;
  for (const auto& s : j["students"])
    for (const auto& r : s["results"]) {
      REQUIRE(r["trials"].size() == 1);
      if (r["probe"].is_object()) found_probe = r["probe"]["threads_started"] == 3;
    }
  CHECK(found_probe);
  CHECK(results_from_json_report(j).size() == 12);
}

TEST_CASE("report formats parse from a list") {
  CHECK(parse_report_formats("html,csv") == std::vector<std::string>{"csv", "html"});
  CHECK(parse_report_formats("all").size() == 5);
  CHECK_THROWS_WITH(parse_report_formats("csv,pdf"),
                    "unknown report format 'pdf' (valid: json, csv, junit, gradescope, html, all)");
}

TEST_CASE("class results: last result wins, totals, top failures") {
  ClassResults results(testing::sample_results());
  const ResultEntry* carol = results.find("carol", "threads/squares");
  REQUIRE(carol);
  CHECK(carol->verdict == Verdict::passed);
  const auto& cols = results.exercises();
  REQUIRE(cols.size() == 2);
  CHECK(cols[1].id == "threads/squares");
  REQUIRE(!cols[1].top_failures.empty());
  CHECK(cols[1].top_failures[0] == std::make_pair(std::string("line 2 is wrong"), 2));
  CHECK(format_points(2.5) == "2.5");
  CHECK(format_points(10) == "10");
  CHECK(format_points(1.0 / 3) == "0.33");
}

TEST_CASE("the class summary warns when any result had less than full isolation") {
  std::vector<ExerciseResult> rs;
  rs.push_back(testing::make_result("alice", "threads/squares", Verdict::passed, 10));
  std::ostringstream full;
  print_class_summary(full, ClassResults(rs), "OUT", false);
  CHECK(full.str().find("isolation") == std::string::npos);
  rs.push_back(testing::make_result("bob", "threads/squares", Verdict::passed, 10));
  rs.back().isolation.cgroup.clear();
  rs.back().isolation.controllers.clear();
  rs.push_back(testing::make_result("carol", "threads/squares", Verdict::missing, 0, "no file"));
  rs.back().isolation = Isolation{};  // never ran: not counted
  std::ostringstream reduced;
  print_class_summary(reduced, ClassResults(rs), "OUT", false);
  CHECK(reduced.str().find("warning: 1 of 3 results ran with less than full isolation: no cgroup memory and pids "
                           "limits (rlimits only) (1)\n") != std::string::npos);
}

TEST_CASE("the class summary lists the results whose behaviour the probe could not check") {
  std::vector<ExerciseResult> rs;
  rs.push_back(testing::make_result("alice", "threads/squares", Verdict::passed, 10));
  rs.push_back(testing::make_result("bob\x1b[31m", "threads/squares", Verdict::passed, 10,
                           "probe unavailable: 1 behaviour requirement was not checked (threads_started >= 3)"));
  ClassResults results(std::move(rs));
  std::ostringstream out;
  print_class_summary(out, results, "OUT", false);
  CHECK(out.str().find("probe unavailable, behaviour not checked (look at these): bob\\x1b[31m threads/squares\n") !=
        std::string::npos);
  std::vector<ExerciseResult> clean;
  clean.push_back(testing::make_result("alice", "threads/squares", Verdict::passed, 10));
  std::ostringstream none;
  print_class_summary(none, ClassResults(std::move(clean)), "OUT", false);
  CHECK(none.str().find("probe unavailable") == std::string::npos);
}
