// End-to-end (issue 18): the real `exengine grade --assignment` on a messy class built here: a
// wrapper folder, flat files, a near-miss name, an empty and a corrupt archive, a late student, a
// stray file. Asserts every student's score, the late penalty, the warnings and every report
// format; grades.csv and a Gradescope results.json are compared with tests/golden.
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const fs::path kSource = EXENGINE_SOURCE_DIR;
const fs::path kAlice = kSource / "examples" / "sample-class" / "alice" / "threads";

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary | std::ios::trunc) << text;
}

void copy_solution(const std::string& exercise, const fs::path& to) {
  fs::create_directories(to.parent_path());
  fs::copy_file(kAlice / (exercise + ".py"), to, fs::copy_options::overwrite_existing);
}

// Runs the engine; stdout to ROOT/out.txt, stderr to ROOT/err.txt.
int run(const fs::path& root, const std::string& args) {
  const std::string cmd = std::string(EXENGINE_BIN) + " " + args + " > '" + (root / "out.txt").string() + "' 2> '" +
                          (root / "err.txt").string() + "'";
  const int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// The error lines of a log (plugin warnings of a partial build aside), each with its newline.
std::string errors_in(const std::string& text) {
  std::string out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (line.rfind("exengine: error: ", 0) == 0) out += line + "\n";
  return out;
}

// The stderr lines that start with `prefix`, in order.
std::vector<std::string> lines(const std::string& text, const std::string& prefix) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (line.rfind(prefix, 0) == 0) out.push_back(line);
  return out;
}

constexpr const char* kAssignment = R"(name = "Assignment 3"
due = 2030-01-01T00:00:00Z

[late]
percent_per_day = 10
max_percent = 50

[exercises."threads/simple-thread"]
points = 4

[exercises."threads/squares"]
points = 6
visibility = "after_due_date"

[exercises."threads/multiple-threads"]
points = 10
visibility = "hidden"
)";

// The messy class. Every file is dated before the due date, except lena's (36 hours after it:
// 2 days late, 20%).
void make_class(const fs::path& cls) {
  for (const char* ex : {"simple-thread", "squares", "multiple-threads"}) {
    copy_solution(ex, cls / "alice" / "threads" / (std::string(ex) + ".py"));
    copy_solution(ex, cls / "heidi" / "hw3" / "threads" / (std::string(ex) + ".py"));  // a wrapper folder
    copy_solution(ex, cls / "lena" / "threads" / (std::string(ex) + ".py"));
  }
  write(cls / "alice" / "notes.txt", "my notes\n");                       // matches no exercise
  write(cls / "alice" / "threads" / "\x1b[31mred.py", "print('x')\n");     // an ESC in a stray name
  copy_solution("simple-thread", cls / "rosa" / "simple-thread.py");                // flat files
  copy_solution("squares", cls / "rosa" / "squares.py");
  copy_solution("simple-thread", cls / "grace" / "threads" / "simple-thread.py");
  copy_solution("multiple-threads", cls / "grace" / "threads" / "multiple_threads.py");  // a near miss
  write(cls / "empty.zip", std::string("PK\x05\x06", 4) + std::string(18, '\0'));  // an empty zip
  write(cls / "corrupt.zip", "PK\x03\x04 this is not really a zip archive");
  const auto before = std::chrono::file_clock::now() - std::chrono::hours(1);  // now is before 2030
  for (const auto& e : fs::recursive_directory_iterator(cls))
    if (e.is_regular_file()) fs::last_write_time(e.path(), before);
  // 2030-01-02T12:00:00Z, as a file_clock time (file_clock and system_clock share the Unix epoch on Linux).
  const auto late = std::chrono::file_clock::from_sys(std::chrono::sys_seconds(std::chrono::seconds(1893585600)));
  for (const auto& e : fs::recursive_directory_iterator(cls / "lena"))
    if (e.is_regular_file()) fs::last_write_time(e.path(), late);
}

}  // namespace

TEST_CASE("grade --assignment: a messy class is repaired or explained, scored, and reported") {
  const fs::path root = fs::temp_directory_path() / ("exengine-assignment-" + std::to_string(::getpid()));
  fs::remove_all(root);
  const fs::path cls = root / "class", out = root / "out";
  make_class(cls);
  write(root / "a3.toml", kAssignment);
  const std::string grade = "grade '" + cls.string() + "' --out '" + out.string() + "' -q --assignment '" +
                            (root / "a3.toml").string() + "'";
  REQUIRE(run(root, grade) == 0);
  const std::string err = slurp(root / "err.txt");
  INFO(err);

  // Warnings and notes: one escaped line each.
  CHECK(lines(err, "exengine: note: ") == std::vector<std::string>{
            "exengine: note: student 'heidi': graded from the folder hw3/ (a single wrapper folder)",
            "exengine: note: student 'rosa': took simple-thread.py for threads/simple-thread (a flat file)",
            "exengine: note: student 'rosa': took squares.py for threads/squares (a flat file)",
        });
  CHECK(lines(err, "exengine: warning: student") == std::vector<std::string>{
            "exengine: warning: student 'alice': files that matched no exercise: notes.txt, threads/\\x1b[31mred.py",
            "exengine: warning: student 'corrupt': archive refused: corrupt.zip: corrupt archive: "
            "Truncated ZIP file header",
            "exengine: warning: student 'empty': empty.zip is empty: nothing was submitted",
            "exengine: warning: student 'grace': files that matched no exercise: threads/multiple_threads.py (did you "
            "mean threads/multiple-threads.py?); rename, or grade with --accept-near-names",
        });
  CHECK(err.find('\x1b') == std::string::npos);

  // Scores, late penalty, visibility: grades.csv is the golden one; the rest from report.json.
  CHECK(slurp(out / "grades.csv") == slurp(kSource / "tests" / "golden" / "assignment-grades.csv"));
  const json report = json::parse(slurp(out / "report.json"));
  std::map<std::string, json> students;
  for (const auto& s : report["students"]) students[s["name"].get<std::string>()] = s;
  REQUIRE(students.size() == 7);
  CHECK(students["lena"]["late_days"] == 2);
  CHECK(students["lena"]["late_penalty"] == 4.0);
  CHECK(students["lena"]["total"] == 16.0);
  CHECK(students["alice"]["late_days"] == 0);
  CHECK(students["alice"]["unmatched"] == json::parse("[\"notes.txt\", \"threads/\\u001b[31mred.py\"]"));
  for (const auto& r : students["lena"]["results"]) {
    CHECK(r["due"] == "2030-01-01T00:00:00Z");
    CHECK(r["late_days"] == 2);
  }
  std::map<std::string, std::string> grace;
  for (const auto& r : students["grace"]["results"])
    grace[r["exercise"].get<std::string>()] = r["verdict"].get<std::string>() + ": " + r["message"].get<std::string>();
  CHECK(grace["threads/multiple-threads"] ==
        "missing: threads/multiple-threads.py is missing; threads/multiple_threads.py is a near-miss name: rename it, "
        "or grade with --accept-near-names");
  CHECK(grace["threads/simple-thread"] == "passed: ");
  for (const auto& s : report["students"])
    CHECK(s["results"].size() == 3);  // only the assignment's exercises, "missing" only for them

  // Gradescope: visibility from the assignment, the late penalty in the output.
  json lena = json::parse(slurp(out / "gradescope" / "lena" / "results.json"));
  lena.erase("execution_time");  // seconds of wall time: not a golden figure
  CHECK(lena == json::parse(slurp(kSource / "tests" / "golden" / "assignment-gradescope-lena.json")));
  const json empty = json::parse(slurp(out / "gradescope" / "empty" / "results.json"));
  CHECK(empty["score"] == 0.0);
  CHECK(empty["tests"][0]["output"] == "missing: empty.zip is empty: nothing was submitted");

  // HTML and the terminal summary.
  const std::string html = slurp(out / "index.html");
  CHECK(html.find("<th>Late</th>") != std::string::npos);
  CHECK(html.find("<td>2 days, -4 points</td>") != std::string::npos);
  CHECK(html.find("<ul class=\"unmatched\"><li>notes.txt</li><li>threads/\\x1B[31mred.py</li></ul>") !=
        std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  const std::string summary = slurp(root / "out.txt");
  CHECK(summary.find("late: lena 2 days (-4 points)\n") != std::string::npos);
  CHECK(summary.find("files that matched no exercise (see the report): alice 2, grace 1\n") != std::string::npos);
  const std::string junit = slurp(out / "junit.xml");
  CHECK(junit.find("threads/multiple-threads") != std::string::npos);
  CHECK(junit.find("threads/thread-args") == std::string::npos);

  SECTION("--accept-near-names takes grace's file, and --resume with it is another run") {
    CHECK(run(root, grade + " --resume --accept-near-names") == 2);
    CHECK(slurp(root / "err.txt").find("--resume with other grading options: accept_near_names true (was not given); "
                                       "add --regrade") != std::string::npos);
    const fs::path out2 = root / "out2";
    const std::string grade2 = "grade '" + cls.string() + "' --out '" + out2.string() + "' -q --assignment '" +
                               (root / "a3.toml").string() + "' --accept-near-names --student grace";
    REQUIRE(run(root, grade2) == 0);
    CHECK(slurp(root / "err.txt").find("exengine: note: student 'grace': took threads/multiple_threads.py for "
                                       "threads/multiple-threads.py (a near-miss name, --accept-near-names)\n") !=
          std::string::npos);
    CHECK(slurp(out2 / "grades.csv") ==
          "student,threads/multiple-threads,threads/simple-thread,threads/squares,late_days,late_penalty,total\n"
          "grace,10,4,0,0,0,14\n");
  }

  SECTION("--resume grades a changed file again; other options are refused by name unless --regrade") {
    // rosa hands in multiple-threads after the deadline extension; alice fixes nothing.
    copy_solution("multiple-threads", cls / "rosa" / "threads" / "multiple-threads.py");
    REQUIRE(run(root, grade + " --resume") == 0);
    const std::string log = slurp(root / "err.txt");
    CHECK(log.find("exengine: note: student 'rosa': threads/multiple-threads: the submission changed since it was "
                   "graded: graded again\n") != std::string::npos);
    CHECK(log.find("student 'alice': threads/") == std::string::npos);  // nothing of alice's was graded again
    const std::string csv = slurp(out / "grades.csv");
    CHECK(csv.find("\nrosa,10,4,6,0,0,20\n") != std::string::npos);
    CHECK(csv.find("\nalice,10,4,6,0,0,20\n") != std::string::npos);
    CHECK(slurp(root / "out.txt").find("resumed: 20 of 21 results were already in the journal\n") != std::string::npos);

    CHECK(run(root, grade + " --resume --trials 2") == 2);
    CHECK(errors_in(slurp(root / "err.txt")) ==
          "exengine: error: " + (out / "shard.json").string() +
              ": --resume with other grading options: trials 2 (was not given); add --regrade to grade every result "
              "again with them, or choose another --out\n");
    REQUIRE(run(root, grade + " --resume --trials 2 --student alice,lena") == 2);  // students differ too
    CHECK(slurp(root / "err.txt").find("students [\"alice\",\"lena\"] (was []), trials 2 (was not given)") !=
          std::string::npos);
    REQUIRE(run(root, grade + " --regrade --trials 2") == 0);
    CHECK(slurp(root / "out.txt").find("resumed:") == std::string::npos);  // every result graded again
    std::string expected = slurp(kSource / "tests" / "golden" / "assignment-grades.csv");
    const std::string before = "\nrosa,0,4,6,0,0,10\n";  // rosa's row before she added multiple-threads
    REQUIRE(expected.find(before) != std::string::npos);
    expected.replace(expected.find(before), before.size(), "\nrosa,10,4,6,0,0,20\n");
    CHECK(slurp(out / "grades.csv") == expected);
    CHECK(json::parse(slurp(out / "shard.json"))["options"]["trials"] == 2);
  }

  SECTION("submission times from a CSV decide lateness instead of the files' times") {
    write(root / "times.csv", "student,submitted\nalice,2030-01-01T00:30:00Z\nlena,2029-12-31T23:00:00+00:00\n");
    const fs::path out3 = root / "out3";
    REQUIRE(run(root, "grade '" + cls.string() + "' --out '" + out3.string() + "' -q --student alice,lena --assignment '" +
                          (root / "a3.toml").string() + "' --submission-times '" + (root / "times.csv").string() +
                          "'") == 0);
    CHECK(slurp(out3 / "grades.csv") ==
          "student,threads/multiple-threads,threads/simple-thread,threads/squares,late_days,late_penalty,total\n"
          "alice,9,3.6,5.4,1,2,18\nlena,10,4,6,0,0,20\n");
  }
  fs::remove_all(root);
}

TEST_CASE("grade --assignment: a grader's fraction is partial credit of the assignment's points, unless turned off") {
  const fs::path root = fs::temp_directory_path() / ("exengine-assignment-partial-" + std::to_string(::getpid()));
  fs::remove_all(root);
  const fs::path cls = root / "class";
  // grace's quiz has 4 of 6 answers right (examples/sample-class).
  fs::create_directories(cls / "grace" / "threads");
  fs::copy_file(kSource / "examples" / "sample-class" / "grace" / "threads" / "quiz.py",
                cls / "grace" / "threads" / "quiz.py");
  write(root / "partial.toml", "[exercises.\"threads/quiz\"]\npoints = 9\n");
  write(root / "whole.toml", "[exercises.\"threads/quiz\"]\npoints = 9\npartial_credit = false\n");
  for (const char* name : {"partial", "whole"})
    REQUIRE(run(root, "grade '" + cls.string() + "' -q --out '" + (root / name).string() + "' --assignment '" +
                          (root / (std::string(name) + ".toml")).string() + "'") == 0);
  CHECK(slurp(root / "partial" / "grades.csv") == "student,threads/quiz,total\ngrace,6,6\n");
  CHECK(slurp(root / "whole" / "grades.csv") == "student,threads/quiz,total\ngrace,0,0\n");
  const json report = json::parse(slurp(root / "partial" / "report.json"));
  CHECK(report["students"][0]["results"][0]["max_score"] == 9.0);
  CHECK(report["students"][0]["results"][0]["verdict"] == "wrong-output");
  fs::remove_all(root);
}

TEST_CASE("messy-submission repairs never follow a link: a near-miss link, a linked wrapper folder") {
  const fs::path root = fs::temp_directory_path() / ("exengine-assignment-links-" + std::to_string(::getpid()));
  fs::remove_all(root);
  const fs::path cls = root / "class";
  fs::create_directories(cls / "mal" / "threads");
  fs::create_directories(cls / "mal2");
  fs::create_symlink("/etc/passwd", cls / "mal" / "threads" / "multiple_threads.py");  // a near miss, taken
  fs::create_symlink("/etc", cls / "mal2" / "hw3");                                   // a "wrapper folder"
  REQUIRE(run(root, "grade '" + cls.string() + "' --out '" + (root / "out").string() +
                        "' -q --accept-near-names -e threads/multiple-threads") == 0);
  const std::string err = slurp(root / "err.txt");
  INFO(err);
  CHECK(err.find("exengine: warning: student 'mal': not read: threads/multiple_threads.py is a symbolic link\n") !=
        std::string::npos);
  CHECK(err.find("exengine: warning: student 'mal2': files that matched no exercise: hw3\n") != std::string::npos);
  CHECK(slurp(root / "out" / "grades.csv") == "student,threads/multiple-threads,total\nmal,0,0\nmal2,0,0\n");
  CHECK(slurp(root / "out" / "report.json").find("root:") == std::string::npos);  // nothing of /etc/passwd
  fs::remove_all(root);
}

TEST_CASE("grade --assignment: bad input is one line pointing at it") {
  const fs::path root = fs::temp_directory_path() / ("exengine-assignment-bad-" + std::to_string(::getpid()));
  fs::remove_all(root);
  const fs::path cls = root / "class";
  copy_solution("squares", cls / "bob" / "threads" / "squares.py");
  auto error_of = [&](const std::string& toml, const std::string& extra = {}) {
    write(root / "a.toml", toml);
    const int rc = run(root, "grade '" + cls.string() + "' --out '" + (root / "out").string() +
                                 "' -q --no-default-plugins --plugins '" + (kSource / "plugins").string() +
                                 "' --assignment '" + (root / "a.toml").string() + "'" + extra);
    CHECK(rc == 2);
    return errors_in(slurp(root / "err.txt"));
  };
  const std::string a = (root / "a.toml").string();
  CHECK(error_of("[exercises.\"threads/squarez\"]\npoints = 3\n") ==
        "exengine: error: " + a + ":1:12: unknown exercise 'threads/squarez' (did you mean 'threads/squares'?)\n");
  CHECK(error_of("[exercises.\"threads/squares\"]\npoinst = 3\n") ==
        "exengine: error: " + a + ":2:1: unknown key 'poinst' in exercise 'threads/squares' (did you mean 'points'?)\n");
  CHECK(error_of("due = 2030-13-01T00:00:00Z\n[exercises.\"threads/squares\"]\n").find(
            "exengine: error: " + a + ":1:") == 0);
  CHECK(error_of("due = \"next friday\"\n[exercises.\"threads/squares\"]\n") ==
        "exengine: error: " + a + ":1:7: 'due' is not a date: 'next friday' (write a date-time with its offset, like "
        "2026-03-14T23:59:00Z or 2026-03-14T23:59:00+01:00)\n");
  CHECK(error_of("due = 2030-01-01T00:00:00\n[exercises.\"threads/squares\"]\n") ==
        "exengine: error: " + a + ":1:7: 'due' has no time-zone offset: write a date-time with its offset, like "
        "2026-03-14T23:59:00Z or 2026-03-14T23:59:00+01:00\n");
  CHECK(error_of("[exercises.\"threads/squares\"]\nvisibility = \"hiden\"\n") ==
        "exengine: error: " + a + ":2:14: unknown visibility 'hiden' (did you mean 'hidden'?)\n");
  CHECK(error_of("[exercises.\"threads/squares\"]\npoints = -1\n") ==
        "exengine: error: " + a + ":2:10: 'points' must not be negative\n");
  write(root / "t.csv", "student,submitted\nbob,yesterday \x1b[2J\n");
  CHECK(error_of("due = 2030-01-01T00:00:00Z\n[exercises.\"threads/squares\"]\n",
                 " --submission-times '" + (root / "t.csv").string() + "'") ==
        "exengine: error: " + (root / "t.csv").string() +
            ":2:5: cannot read the submission time 'yesterday \\x1b[2J' (write a date-time with its offset, like "
            "2026-03-14T23:59:00Z)\n");
  fs::remove_all(root);
}
