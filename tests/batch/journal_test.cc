#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "batch/journal.h"
#include "report/result_json.h"

using namespace exengine;
namespace fs = std::filesystem;

namespace {

fs::path fresh_dir(const std::string& name) {
  fs::path d = fs::temp_directory_path() / ("exengine-journal-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

ExerciseResult result(const std::string& student, const std::string& exercise, Verdict v = Verdict::passed) {
  ExerciseResult r;
  r.student = student;
  r.exercise = exercise;
  r.verdict = v;
  r.max_score = 10;
  r.score = v == Verdict::passed ? 10 : 0;
  return r;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("journal: appended results read back in order") {
  fs::path dir = fresh_dir("order");
  Journal j;
  j.open(dir / "journal.jsonl", false);
  j.append(result("alice", "threads/squares"));
  j.append(result("bob", "threads/squares", Verdict::timeout));
  j.close();
  JournalContents c = read_journal(dir / "journal.jsonl");
  REQUIRE(c.results.size() == 2);
  CHECK(c.results[0].student == "alice");
  CHECK(c.results[1].verdict == Verdict::timeout);
  CHECK_FALSE(c.torn);
  CHECK(c.bad_lines.empty());
  fs::remove_all(dir);
}

TEST_CASE("journal: a torn last line is ignored, and cut off before appending on resume") {
  fs::path dir = fresh_dir("torn");
  const fs::path path = dir / "journal.jsonl";
  {
    Journal j;
    j.open(path, false);
    j.append(result("alice", "threads/squares"));
    j.append(result("bob", "threads/squares"));
  }
  const std::string whole = slurp(path);
  // Simulate a crash in the middle of writing the third line.
  std::ofstream(path, std::ios::binary | std::ios::app) << R"({"exercise":"threads/squares","student":"carol","verd)";
  JournalContents c = read_journal(path);
  CHECK(c.results.size() == 2);
  CHECK(c.torn);
  CHECK(c.valid_bytes == whole.size());

  Journal j;
  JournalIndex before = j.open(path, true);
  CHECK(before.facts.size() == 2);
  CHECK(before.torn);
  j.append(result("carol", "threads/squares"));
  j.close();
  c = read_journal(path);
  REQUIRE(c.results.size() == 3);
  CHECK(c.results[2].student == "carol");
  CHECK_FALSE(c.torn);
  fs::remove_all(dir);
}

TEST_CASE("journal: a complete but unreadable line in the middle is skipped and reported") {
  fs::path dir = fresh_dir("bad");
  const fs::path path = dir / "journal.jsonl";
  {
    Journal j;
    j.open(path, false);
    j.append(result("alice", "threads/squares"));
  }
  std::ofstream(path, std::ios::binary | std::ios::app)
      << "garbage\n" << result_to_json(result("bob", "threads/squares")).dump() << "\n";
  JournalContents c = read_journal(path);
  CHECK(c.results.size() == 2);
  CHECK(c.bad_lines == std::vector<int>{2});
  CHECK_FALSE(c.torn);
  fs::remove_all(dir);
}

TEST_CASE("journal: a missing file reads as empty; open without resume starts empty") {
  fs::path dir = fresh_dir("empty");
  CHECK(read_journal(dir / "nope.jsonl").results.empty());
  {
    Journal j;
    j.open(dir / "journal.jsonl", false);
    j.append(result("alice", "threads/squares"));
  }
  Journal j;
  CHECK(j.open(dir / "journal.jsonl", false).facts.empty());
  j.close();
  CHECK(read_journal(dir / "journal.jsonl").results.empty());
  fs::remove_all(dir);
}

TEST_CASE("journal: concurrent appends never interleave") {
  fs::path dir = fresh_dir("threads");
  Journal j;
  j.open(dir / "journal.jsonl", false);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        ExerciseResult r = result("s" + std::to_string(t), "threads/e" + std::to_string(i));
        r.stdout_text = std::string(5000, static_cast<char>('a' + t));
        j.append(r);
      }
    });
  for (auto& t : threads) t.join();
  j.close();
  JournalContents c = read_journal(dir / "journal.jsonl");
  CHECK(c.results.size() == 100);
  CHECK(c.bad_lines.empty());
  for (const auto& r : c.results) CHECK(r.stdout_text == std::string(5000, r.student[1] - '0' + 'a'));
  fs::remove_all(dir);
}

TEST_CASE("journal: an unwritable place is one clear error") {
  Journal j;
  CHECK_THROWS_WITH(j.open("/proc/nonexistent-dir/journal.jsonl", false),
                    "cannot open /proc/nonexistent-dir/journal.jsonl: No such file or directory");
}

TEST_CASE("journal: only the engine's user can read it, and a link in its place is not followed") {
  fs::path dir = fresh_dir("private");
  { std::ofstream(dir / "journal.jsonl") << ""; }
  fs::permissions(dir / "journal.jsonl", fs::perms::all);  // an old journal, readable by all
  Journal j;
  j.open(dir / "journal.jsonl", true);
  j.close();
  CHECK((fs::status(dir / "journal.jsonl").permissions() & fs::perms::all) ==
        (fs::perms::owner_read | fs::perms::owner_write));
  { std::ofstream(dir / "target") << "keep\n"; }
  fs::create_symlink(dir / "target", dir / "linked.jsonl");
  Journal k;
  CHECK_THROWS_WITH(k.open(dir / "linked.jsonl", false),
                    "cannot open " + (dir / "linked.jsonl").string() + ": Too many levels of symbolic links");
  CHECK(slurp(dir / "target") == "keep\n");
  fs::remove_all(dir);
}
