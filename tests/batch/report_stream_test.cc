// The reports streamed from a journal on disk: the same bytes as the reports built in memory, and
// a peak memory that does not grow with the size of the results (measured in a child process).
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <catch2/catch.hpp>

#include "report/sample_results.h"
#include "batch/journal.h"
#include "report/report_writer.h"
#include "report/result_json.h"

using namespace exengine;
namespace fs = std::filesystem;

namespace {

// Not under /tmp is not needed here: nothing sandboxed reads these files.
fs::path fresh_dir(const std::string& name) {
  fs::path d = fs::temp_directory_path() / ("exengine-stream-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Every regular file under `dir`, relative path -> bytes.
std::map<std::string, std::string> tree(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) out[fs::relative(e.path(), dir).string()] = slurp(e.path());
  return out;
}

void write_journal(const fs::path& path, const std::vector<ExerciseResult>& results) {
  std::ofstream out(path, std::ios::binary);
  for (const auto& r : results) out << result_to_json(r).dump() << "\n";
}

// A synthetic class: `students` x 20 exercises, each result with `output_bytes` of program output
// (what makes the real results kilobytes each), in the interleaved order parallel workers write.
void write_big_journal(const fs::path& path, int students, std::size_t output_bytes) {
  std::ofstream out(path, std::ios::binary);
  for (int e = 0; e < 20; ++e)
    for (int s = 0; s < students; ++s) {
      ExerciseResult r = testing::make_result("student" + std::to_string(s), "topic/exercise" + std::to_string(e),
                                              (s + e) % 3 ? Verdict::passed : Verdict::wrong_output, (s + e) % 3 ? 10 : 0,
                                              (s + e) % 3 ? "" : "line " + std::to_string(e) + " is wrong");
      r.stdout_text = std::string(output_bytes, static_cast<char>('a' + (s + e) % 26));
      r.trials.front().stdout_text = r.stdout_text;
      out << result_to_json(r).dump() << "\n";
    }
}

// Peak RSS (kB) of a child process that writes every report of `journal` into `dir`; -1 if the
// child failed.
long child_peak_rss_kb(const fs::path& journal, const fs::path& dir) {
  std::cout.flush();
  const pid_t pid = ::fork();
  if (pid == 0) {
    int code = 0;
    try {
      ClassResults results = class_results_from_journal(journal);
      write_reports(results, dir, all_report_formats());
      if (results.result_count() == 0) code = 2;
    } catch (...) {
      code = 3;
    }
    ::_exit(code);
  }
  int status = 0;
  struct rusage usage {};
  if (::wait4(pid, &status, 0, &usage) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return -1;
  return usage.ru_maxrss;
}

}  // namespace

TEST_CASE("reports streamed from a journal are the bytes of the reports built in memory") {
  const fs::path dir = fresh_dir("bytes");
  const auto results = testing::sample_results();  // holds a duplicate: the later one must win
  write_journal(dir / "journal.jsonl", results);
  // Round-tripped through the journal's JSON form, as the in-memory reports of a journal would be.
  std::vector<ExerciseResult> read_back = read_journal(dir / "journal.jsonl").results;
  REQUIRE(read_back.size() == results.size());

  ClassResults streamed = class_results_from_journal(dir / "journal.jsonl");
  CHECK(streamed.result_count() == results.size() - 1);
  write_reports(streamed, dir / "streamed", all_report_formats());
  write_reports(ClassResults(std::move(read_back)), dir / "memory", all_report_formats());
  const auto a = tree(dir / "streamed"), b = tree(dir / "memory");
  // report.json, grades.csv, junit.xml, index.html and 4 Gradescope results (two names hold '/').
  CHECK(a.size() == 8);
  CHECK(a == b);
  // And the approved golden bytes (tests/golden) for the formats with no measured figure in them.
  const fs::path golden = fs::path(EXENGINE_SOURCE_DIR) / "tests" / "golden";
  CHECK(a.at("grades.csv") == slurp(golden / "grades.csv"));
  CHECK(a.at("index.html") == slurp(golden / "index.html"));
  CHECK(a.at("report.json") == slurp(golden / "report.json"));
  CHECK(a.at("junit.xml") == slurp(golden / "junit.xml"));
  CHECK(a.at("gradescope/bob/results.json") == slurp(golden / "gradescope-bob.json"));
  fs::remove_all(dir);
}

TEST_CASE("a journal changed under the reports is one clear error, not another student's result") {
  const fs::path dir = fresh_dir("changed");
  write_journal(dir / "journal.jsonl", testing::sample_results());
  ClassResults results = class_results_from_journal(dir / "journal.jsonl");
  auto shifted = testing::sample_results();
  shifted.insert(shifted.begin(), testing::make_result("zed", "threads/squares", Verdict::passed, 10));
  write_journal(dir / "journal.jsonl", shifted);
  CHECK_THROWS(write_reports(results, dir / "out", {"json"}));
  CHECK_FALSE(fs::exists(dir / "out" / "report.json"));  // no half report left behind
  fs::remove_all(dir);
}

TEST_CASE("the reports of a class are written in memory that does not grow with the results") {
  // 4x the results (and 4x the journal's megabytes) must not cost 4x the memory: the in-memory
  // reports kept every result (about 7 kB each here) and grew by tens of MB from the small class
  // to the large one; streamed, only a few hundred bytes per result stay (the index).
  const fs::path dir = fresh_dir("flat");
  write_big_journal(dir / "small.jsonl", 25, 3000);   // 500 results, ~3.5 MB
  write_big_journal(dir / "large.jsonl", 100, 3000);  // 2,000 results, ~14 MB
  const long small = child_peak_rss_kb(dir / "small.jsonl", dir / "small");
  const long large = child_peak_rss_kb(dir / "large.jsonl", dir / "large");
  REQUIRE(small > 0);
  REQUIRE(large > 0);
  INFO("peak RSS: 500 results " << small << " kB, 2,000 results " << large << " kB");
  CHECK(large - small < 4 * 1024);
  CHECK(fs::file_size(dir / "large.jsonl") > 3 * fs::file_size(dir / "small.jsonl"));
  // The reports are whole: 100 students of 20 results each.
  CHECK(std::distance(fs::directory_iterator(dir / "large" / "gradescope"), fs::directory_iterator()) == 100);
  fs::remove_all(dir);
}
