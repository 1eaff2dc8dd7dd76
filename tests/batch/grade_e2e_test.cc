// End-to-end: the real `exengine grade` on examples/sample-class. Expected verdicts come from
// examples/sample-class-expected.tsv; resume equality kills the engine with SIGKILL at random points.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <thread>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const fs::path kSource = EXENGINE_SOURCE_DIR;
const fs::path kClass = kSource / "examples" / "sample-class";
// A subset that covers every kind of student but keeps the test short.
const char* kExercises = "threads/simple-thread,threads/squares,threads/multiple-threads";

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

fs::path temp_dir(const std::string& name) {
  fs::path d = fs::temp_directory_path() / ("exengine-grade-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(d);
  return d;
}

// Starts `exengine grade` (stdout/stderr to a log); returns the pid.
pid_t start_grade(const fs::path& out, std::vector<std::string> extra) {
  std::vector<std::string> args{EXENGINE_BIN, "grade", kClass.string(), "--out", out.string(), "--quiet",
                                "--exercise", kExercises};
  for (auto& e : extra) args.push_back(e);
  pid_t pid = ::fork();
  if (pid == 0) {
    fs::create_directories(out.parent_path());
    const std::string log = out.string() + ".log";
    FILE* f = std::fopen(log.c_str(), "a");
    if (f) {
      ::dup2(fileno(f), 1);
      ::dup2(fileno(f), 2);
    }
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  return pid;
}

int wait_exit(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int grade(const fs::path& out, std::vector<std::string> extra = {}) { return wait_exit(start_grade(out, extra)); }

// `exengine merge ARGS...`: stdout to ARGS[0].out, stderr to a log that merge_log() returns.
fs::path g_merge_err;
int merge(const std::vector<fs::path>& args) {
  g_merge_err = args.front().string() + ".err";
  std::string cmd = std::string(EXENGINE_BIN) + " merge";
  for (const auto& a : args) cmd += " '" + a.string() + "'";
  cmd += " > '" + args.front().string() + ".out' 2> '" + g_merge_err.string() + "'";
  const int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}
std::string merge_log() { return slurp(g_merge_err); }

// (student, exercise) -> "verdict score" from a report.json.
std::map<std::string, std::string> verdicts(const fs::path& report) {
  std::map<std::string, std::string> out;
  json j = json::parse(slurp(report));
  for (const auto& s : j["students"])
    for (const auto& r : s["results"])
      out[r["student"].get<std::string>() + " " + r["exercise"].get<std::string>()] =
          r["verdict"].get<std::string>() + " " + r["score"].dump();
  return out;
}

}  // namespace

TEST_CASE("grade: the sample class gets the expected verdict for every file, and reports are written") {
  const fs::path out = temp_dir("sample");
  REQUIRE(grade(out) == 0);  // some students fail, but grading completed and the reports are written
  INFO(slurp(out.string() + ".log"));
  std::map<std::string, std::string> expected;
  std::istringstream tsv(slurp(kSource / "examples" / "sample-class-expected.tsv"));
  std::string line;
  std::getline(tsv, line);
  while (std::getline(tsv, line)) {
    std::istringstream fields(line);
    std::string student, exercise, verdict;
    std::getline(fields, student, '\t');
    std::getline(fields, exercise, '\t');
    std::getline(fields, verdict, '\t');
    if (std::string(kExercises).find(exercise) != std::string::npos) expected[student + " " + exercise] = verdict;
  }
  REQUIRE(expected.size() == 36);
  auto got = verdicts(out / "report.json");
  REQUIRE(got.size() == expected.size());
  for (const auto& [key, verdict] : expected) {
    INFO(key);
    CHECK(got[key].substr(0, got[key].find(' ')) == verdict);
  }
  for (const char* f : {"grades.csv", "junit.xml", "index.html", "gradescope/alice/results.json"})
    CHECK(fs::exists(out / f));
  CHECK_FALSE(fs::exists(out / "escaped.py"));
  CHECK_FALSE(fs::exists(out / "work" / "escaped.py"));
  CHECK(slurp(out.string() + ".log").find("student 'mallory': archive refused: mallory.tar.gz: entry "
                                          "'../../escaped.py' leaves the student's folder ('..')") != std::string::npos);

  // Without --resume, an existing journal is never overwritten.
  CHECK(grade(out) == 2);
  CHECK(slurp(out.string() + ".log").find("journal.jsonl already holds results: add --resume") != std::string::npos);

  SECTION("killed at random points and resumed, the reports equal the uninterrupted run's") {
    std::mt19937 rng(std::random_device{}());
    const fs::path killed = temp_dir("killed");
    bool first = true;
    for (int round = 0; round < 3; ++round) {
      pid_t pid = start_grade(killed, first ? std::vector<std::string>{} : std::vector<std::string>{"--resume"});
      first = false;
      std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<>(300, 2500)(rng)));
      ::kill(pid, SIGKILL);
      wait_exit(pid);
    }
    CHECK(grade(killed, {"--resume"}) == 0);
    CHECK(verdicts(killed / "report.json") == verdicts(out / "report.json"));
    CHECK(slurp(killed / "grades.csv") == slurp(out / "grades.csv"));
    fs::remove_all(killed);
  }

  SECTION("two shards merged equal the whole class") {
    const fs::path s1 = temp_dir("shard1"), s2 = temp_dir("shard2"), merged = temp_dir("merged");
    CHECK(grade(s1, {"--shard", "1/2"}) == 0);
    CHECK(grade(s2, {"--shard", "2/2"}) == 0);
    const json stamp = json::parse(slurp(s2 / "shard.json"));
    CHECK(stamp["shard"] == 2);
    CHECK(stamp["shards"] == 2);
    CHECK(stamp["engine"] == "0.1.0");
    CHECK(stamp["students"].size() == 12);
    CHECK(stamp["class_hash"].get<std::string>().size() == 64);
    CHECK(stamp["exercises"] == json::parse(R"(["threads/multiple-threads","threads/simple-thread","threads/squares"])"));
    CHECK(stamp["options"] == json::parse(R"({"students": [], "tier": "auto"})"));
    CHECK(merge({merged, s1, s2}) == 0);
    CHECK(verdicts(merged / "report.json") == verdicts(out / "report.json"));
    CHECK(slurp(merged / "grades.csv") == slurp(out / "grades.csv"));
    CHECK(json::parse(slurp(merged / "report.json"))["summary"].count("absent") == 0);

    // An incomplete, duplicated or mixed set is refused with one line (exit 4); nothing is written.
    const fs::path refused = temp_dir("refused");
    CHECK(merge({refused, s1}) == 4);
    CHECK(merge_log() == "exengine: error: shard 2 of 2 is missing (add --partial to merge without it)\n");
    CHECK(merge({refused, s1, s1}) == 4);
    CHECK(merge_log() == "exengine: error: " + s1.string() + ": shard 1/2 again (also " + s1.string() + ")\n");
    const fs::path other = temp_dir("other3");  // shard 2 of 3: another shard count
    CHECK(grade(other, {"--shard", "2/3"}) == 0);
    CHECK(merge({refused, s1, other}) == 4);
    CHECK(merge_log() == "exengine: error: " + other.string() + ": not from the same run as " + s1.string() +
                             " (shard counts differ)\n");
    const fs::path trials = temp_dir("trials");  // shard 2 of 2 graded with other options
    CHECK(grade(trials, {"--shard", "2/2", "--trials", "2", "--student", "bob,dave"}) == 0);
    CHECK(merge({refused, s1, trials}) == 4);
    CHECK(merge_log() == "exengine: error: " + trials.string() + ": not from the same run as " + s1.string() +
                             " (grading options differ)\n");
    CHECK_FALSE(fs::exists(refused / "report.json"));
    // An unfinished shard: its journal lacks oscar's three results.
    const fs::path cut = temp_dir("cut");
    fs::copy(s2, cut, fs::copy_options::recursive);
    {
      std::istringstream lines(slurp(cut / "journal.jsonl"));
      std::string line, kept;
      while (std::getline(lines, line))
        if (json::parse(line)["student"] != "oscar") kept += line + "\n";
      std::ofstream(cut / "journal.jsonl", std::ios::binary | std::ios::trunc) << kept;
    }
    CHECK(merge({refused, s1, cut}) == 4);
    CHECK(merge_log() == "exengine: error: " + cut.string() +
                             ": shard 2/2 is unfinished: 3 of 18 results missing (finish it with grade --resume, or add "
                             "--partial)\n");
    // A folder that is no grade output.
    CHECK(merge({refused, s1, kClass / "alice"}) == 4);
    CHECK(merge_log() == "exengine: error: " + (kClass / "alice").string() +
                             ": no shard.json (not the --out folder of exengine grade, or written by an older engine)\n");

    // --partial merges what there is and names the absent students in every report.
    CHECK(merge({refused, s1, "--partial"}) == 0);
    CHECK(merge_log() == "exengine: warning: merging without shard 2 of 2: 6 students absent\n");
    const json partial = json::parse(slurp(refused / "report.json"));
    CHECK(partial["summary"]["absent"] == json::parse(R"(["bob","dave","frank","heidi","judy","oscar"])"));
    CHECK(partial["summary"]["students"] == 6);
    const std::string csv = slurp(refused / "grades.csv");
    CHECK(csv.find("\nbob,,,,absent\n") != std::string::npos);
    CHECK(slurp(refused / "index.html").find("<th>Absent (not graded)</th><td>bob, dave, frank, heidi, judy, oscar</td>") !=
          std::string::npos);
    CHECK(slurp(refused.string() + ".out").find("absent (not graded): bob, dave, frank, heidi, judy, oscar\n") !=
          std::string::npos);
    CHECK(merge({refused, s1, cut, "--partial"}) == 0);
    CHECK(merge_log() == "exengine: warning: " + cut.string() +
                             ": shard 2/2 is unfinished: 3 of 18 results missing: 1 student absent\n");
    CHECK(json::parse(slurp(refused / "report.json"))["summary"]["absent"] == json::parse(R"(["oscar"])"));

    // --resume of another shard's output is refused.
    CHECK(grade(s1, {"--shard", "2/2", "--resume"}) == 2);
    CHECK(slurp(s1.string() + ".log").find(
              (s1 / "shard.json").string() +
              ": --resume of another run (shard numbers differ: it was shard 1/2); choose another --out") !=
          std::string::npos);
    for (const auto& d : {s1, s2, merged, refused, other, trials, cut}) fs::remove_all(d);
  }

  SECTION("an output folder that cannot be written: exit 3, one line") {
    CHECK(grade("/proc/exengine-no-such-out") == 3);
  }

  SECTION("index.html in headless Chromium shows the summary table") {
    const char* candidates[] = {"/usr/bin/chromium", "/usr/bin/chromium-browser"};
    std::string chromium;
    for (const char* c : candidates)
      if (fs::exists(c)) chromium = c;
    if (chromium.empty()) {
      WARN("chromium is not installed (apt-get install -y chromium): skipping the browser check");
      return;
    }
    const fs::path dom = out / "dom.html";
    const std::string cmd = chromium +
                            " --headless --no-sandbox --disable-gpu --disable-background-networking --dump-dom file://" +
                            (out / "index.html").string() + " > " + dom.string() + " 2>/dev/null";
    REQUIRE(std::system(cmd.c_str()) == 0);
    const std::string text = slurp(dom);
    auto table = text.substr(text.find("<table id=\"summary\">"));
    table = table.substr(0, table.find("</table>"));
    CHECK(table.find("<th>Students</th><td>12</td>") != std::string::npos);
    CHECK(table.find("<th>Results</th><td>36</td>") != std::string::npos);
    CHECK(text.find("<svg id=\"distribution\"") != std::string::npos);
    CHECK(text.find("<script") == std::string::npos);
  }
  fs::remove_all(out);
}

TEST_CASE("grade/merge: a student whose name is not UTF-8 is stamped, resumed and merged like any other") {
  const fs::path root = temp_dir("utf8"), cls = root / "class";
  for (const std::string& name : {std::string("\xff") + "x", std::string("bob")}) {
    fs::create_directories(cls / name / "threads");
    fs::copy_file(kClass / "alice" / "threads" / "squares.py", cls / name / "threads" / "squares.py");
  }
  auto run = [&](const std::string& args) {
    const std::string cmd = std::string(EXENGINE_BIN) + " " + args + " > '" + (root / "log").string() + "' 2>&1";
    const int status = std::system(cmd.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  };
  const std::string grade = "grade '" + cls.string() + "' -q -e threads/squares --out '" + root.string();
  CHECK(run(grade + "/s1' --shard 1/2") == 0);
  CHECK(run(grade + "/s2' --shard 2/2") == 0);
  CHECK(run(grade + "/s2' --shard 2/2 --resume") == 0);
  CHECK(run("merge '" + (root / "m").string() + "' '" + (root / "s1").string() + "' '" + (root / "s2").string() + "'") == 0);
  INFO(slurp(root / "log"));
  CHECK(slurp(root / "m" / "grades.csv") == "student,threads/squares,total\n\\xFFx,10,10\nbob,10,10\n");
  fs::remove_all(root);
}

TEST_CASE("grade: a flood of stray entries and empty student folders is ten warnings and one summary line") {
  // Bad input at a small but telling scale (the issue's 10,000 is the same code): 40 empty student
  // folders and 25 files that are no student; each empty student is `missing` and one problem (an
  // empty folder is warned about), each stray file one problem; the terminal shows 10 of the 65 and
  // a line pointing at the file that holds them all.
  const fs::path root = temp_dir("flood"), cls = root / "class", out = root / "out";
  for (int i = 0; i < 40; ++i) fs::create_directories(cls / ("s" + std::to_string(i)));
  for (int i = 0; i < 25; ++i) std::ofstream(cls / ("stray" + std::to_string(i) + ".txt")) << "x";
  const std::string cmd = std::string(EXENGINE_BIN) + " grade '" + cls.string() + "' -q -e threads/squares --out '" +
                          out.string() + "' > '" + (root / "stdout").string() + "' 2> '" + (root / "stderr").string() + "'";
  const int status = std::system(cmd.c_str());
  CHECK((WIFEXITED(status) ? WEXITSTATUS(status) : -1) == 0);
  const std::string err = slurp(root / "stderr");
  INFO(err);
  std::vector<std::string> warnings;
  std::istringstream lines(err);
  for (std::string line; std::getline(lines, line);)
    if (line.rfind("exengine: warning: ", 0) == 0 && line.find("plugin") == std::string::npos) warnings.push_back(line);
  REQUIRE(warnings.size() == 11);
  CHECK(warnings[0] == "exengine: warning: " + cls.string() + "/stray0.txt: ignored (not a student folder or a .zip/.tar.gz archive)");
  CHECK(warnings[10] == "exengine: warning: and 55 more (all 65 in " + (out / "problems.txt").string() + ")");
  const std::string all = slurp(out / "problems.txt");
  CHECK(std::count(all.begin(), all.end(), '\n') == 65);
  CHECK(all.find("/stray9.txt: ignored") != std::string::npos);
  CHECK(all.find("student 's39': ") != std::string::npos);  // an empty folder's line
  CHECK(slurp(root / "stdout").find("40 students, 1 exercises, 40 results: 0 passed\nverdicts: missing 40\n") == 0);
  fs::remove_all(root);
}
