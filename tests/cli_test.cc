// End-to-end tests of the real `exengine` binary on the bundled threads lesson: list, show, check
// (workspace, single file, explicit exercise), judge, selftest, and bad input.
#include <catch2/catch.hpp>

#include <filesystem>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "core/text.h"
#include "exengine/abi.h"
#include "support/run_command.h"

using namespace exengine::test;
namespace fs = std::filesystem;

namespace {

const fs::path kSource = EXENGINE_SOURCE_DIR;
const std::vector<std::string> kThreadsSeedIds = {
    "threads/simple-thread", "threads/thread-args", "threads/multiple-threads", "threads/print-numbers",
    "threads/task-numbers",  "threads/greet-name",  "threads/squares",          "threads/quiz"};

// run_cli in this process: `exengine ARGS...`, its stdout and stderr captured.
CommandResult run_cli_here(std::vector<std::string> args) {
  args.insert(args.begin(), "exengine");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::ostringstream out, err;
  std::streambuf* old_out = std::cout.rdbuf(out.rdbuf());
  std::streambuf* old_err = std::cerr.rdbuf(err.rdbuf());
  CommandResult r;
  r.exit_code = exengine::run_cli(static_cast<int>(args.size()), argv.data());
  std::cout.rdbuf(old_out);
  std::cerr.rdbuf(old_err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

std::vector<std::string> topics_of(const std::string& list_json) {
  std::vector<std::string> topics;
  for (const auto& t : nlohmann::json::parse(list_json)) topics.push_back(t["topic"]);
  return topics;
}

}  // namespace

TEST_CASE("run_cli runs twice in one process: the first call's options do not reach the second") {
  // Two TOML-only lessons (built-in graders): this test binary has no build tree beside it, so it
  // names its plugins itself.
  TempDir tmp;
  for (const std::string name : {"alpha", "beta"})
    write_file(tmp / "lessons" / name / "plugin.toml",
               "[plugin]\nname = \"" + name + "\"\ntitle = \"" + name + " lesson\"\nversion = \"1.0.0\"\nabi = 2\n\n"
               "[[exercise]]\nid = \"" + name + "/hello\"\ntitle = \"Hello\"\nprompt = \"x\"\n"
               "languages = [\"python\"]\ngrader = { name = \"exact\", expected = \"hello\\n\" }\n");
  const std::string lessons = (tmp / "lessons").string();
  auto cli = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"--no-default-plugins", "--plugins", lessons});
    return run_cli_here(args);
  };
  CommandResult first = cli({"list", "--json", "alpha"});
  INFO(first.out << first.err);
  REQUIRE(first.exit_code == 0);
  CHECK(topics_of(first.out) == std::vector<std::string>{"alpha"});
  CommandResult second = cli({"list", "--json"});
  INFO(second.out << second.err);
  REQUIRE(second.exit_code == 0);
  CHECK(topics_of(second.out) == std::vector<std::string>{"alpha", "beta"});
  // What a fresh process prints.
  CHECK(second.out == run_exengine("--no-default-plugins --plugins " + shell_quote(lessons) + " list --json").out);
  // A flag of the first calls (--json) is not kept either.
  CommandResult third = cli({"list", "beta"});
  CHECK(third.exit_code == 0);
  CHECK(third.out == "beta — beta lesson (1 exercises)\n  beta/hello                       Hello\n");
  // An error in one call leaves the next one clean.
  CommandResult bad = cli({"show", "alpha/helo"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err == "exengine: error: unknown exercise 'alpha/helo' (did you mean 'alpha/hello'? see exengine list)\n");
  CommandResult good = cli({"show", "beta/hello"});
  CHECK(good.exit_code == 0);
  CHECK(good.err.empty());
  CHECK(good.out.find("beta/hello") != std::string::npos);
}

TEST_CASE("--version is the build's version (project VERSION in CMake, project version in Meson)") {
  const std::string expected = std::string("exengine ") + EXENGINE_PROJECT_VERSION + " (plugin ABI " +
                               std::to_string(EXENGINE_ABI_VERSION) + ")\n";
  CHECK(std::string(EXENGINE_PROJECT_VERSION).find('.') != std::string::npos);
  CommandResult bin = run_exengine("--version");
  CHECK(bin.exit_code == 0);
  CHECK(bin.out == expected);
  CommandResult here = run_cli_here({"--version"});
  CHECK(here.exit_code == 0);
  CHECK(here.out == expected);
}

TEST_CASE("list --json names every threads exercise of the seed by its id") {
  CommandResult r = run_exengine("list --json");
  REQUIRE(r.exit_code == 0);
  auto topics = nlohmann::json::parse(r.out);
  std::vector<std::string> ids;
  for (const auto& t : topics)
    if (t["topic"] == "threads")
      for (const auto& e : t["exercises"]) ids.push_back(e["id"]);
  for (const auto& id : kThreadsSeedIds) CHECK(std::find(ids.begin(), ids.end(), id) != ids.end());
  CHECK(ids.size() >= kThreadsSeedIds.size() + 2);  // at least two beyond the seed
}

TEST_CASE("selftest threads passes") {
  CommandResult r = run_exengine("selftest threads");
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("UNEXPECTED") == std::string::npos);
  CHECK(r.out.find("selftest: ") != std::string::npos);
}

TEST_CASE("check passes a workspace holding the seed's own threads code") {
  TempDir ws;
  fs::create_directories(ws / "threads");
  int copied = 0;
  for (const auto& e : fs::directory_iterator(kSource / "plugins" / "threads" / "seed")) {
    fs::copy_file(e.path(), ws / "threads" / e.path().filename().string());
    ++copied;
  }
  REQUIRE(copied >= 7);
  CommandResult r = run_exengine("check --json " + shell_quote(ws.path().string()));
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  auto results = nlohmann::json::parse(r.out);
  CHECK(results.size() == static_cast<std::size_t>(copied));
  for (const auto& res : results) {
    INFO(res["exercise"]);
    CHECK(res["verdict"] == "passed");
    CHECK(res["score"] == res["max_score"]);
  }
}

TEST_CASE("check fails every known-bad threads solution, saying why") {
  int checked = 0;
  for (const auto& e : fs::directory_iterator(kSource / "plugins" / "threads" / "bad")) {
    const std::string file = e.path().filename().string();
    if (e.path().extension() != ".py") continue;
    const std::string id = "threads/" + file.substr(0, file.find('.'));
    CommandResult r = run_exengine("check --json --exercise " + id + " " + shell_quote(e.path().string()));
    INFO(file << "\n" << r.out << r.err);
    CHECK(r.exit_code == 1);
    auto res = nlohmann::json::parse(r.out).at(0);
    CHECK(res["verdict"] != "passed");
    CHECK_FALSE(res["message"].get<std::string>().empty());
    ++checked;
  }
  CHECK(checked >= 8);
}

TEST_CASE("check names a single file's exercise from its path, and explains a failure in text") {
  TempDir ws;
  write_file(ws / "threads" / "simple-thread.py", "print('Thread: 0')\n");
  CommandResult r = run_exengine("check --color never " + shell_quote((ws / "threads/simple-thread.py").string()));
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("threads/simple-thread") != std::string::npos);
  CHECK(r.out.find("wrong-output") != std::string::npos);
  CHECK(r.out.find("0 of 1 passed") != std::string::npos);
}

TEST_CASE("judge accepts the torn-line transcript of three threads") {
  TempDir tmp;
  write_file(tmp / "out.txt", "Task 0 runningTask 1 running\n\nTask 2 running\n");
  CommandResult r = run_exengine("judge --exercise threads/multiple-threads --output " +
                                 shell_quote((tmp / "out.txt").string()));
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  write_file(tmp / "bad.txt", "Task 0 running\nTask 2 running\n");
  r = run_exengine("judge --exercise threads/multiple-threads --output " + shell_quote((tmp / "bad.txt").string()));
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("Task 1 running") != std::string::npos);
}

TEST_CASE("bad input gets one clear line and exit 2") {
  CommandResult r = run_exengine("show threads/no-such-exercise");
  CHECK(r.exit_code == 2);
  CHECK(r.err == "exengine: error: unknown exercise 'threads/no-such-exercise' (see exengine list)\n");

  r = run_exengine("hint threads/squres");
  CHECK(r.exit_code == 2);
  CHECK(r.err == "exengine: error: unknown exercise 'threads/squres' (did you mean 'threads/squares'? see exengine list)\n");

  // Every command that takes an exercise id suggests the nearest one.
  for (const std::string cmd : {"show", "hint", "reset", "solution", "judge --exercise", "check --exercise"}) {
    r = run_exengine(cmd + " threads/squres" + (cmd == "check --exercise" ? " x.py" : cmd == "judge --exercise" ? " --output x.txt" : ""));
    INFO(cmd);
    CHECK(r.exit_code == 2);
    CHECK(r.err == "exengine: error: unknown exercise 'threads/squres' (did you mean 'threads/squares'? see exengine list)\n");
  }
  r = run_exengine("demo threads/squres");
  CHECK(r.exit_code == 2);
  CHECK(r.err == "exengine: error: unknown exercise or topic 'threads/squres' (did you mean 'threads/squares'? see exengine list)\n");

  r = run_exengine("--color never chek x.py");
  CHECK(r.exit_code == 2);
  CHECK(r.err == "exengine: error: unknown command 'chek' (did you mean 'check'?) (see exengine --help)\n");
  r = run_exengine("\"$(printf 'frob\\033[2Jnicate')\"");  // an escape code reaches the terminal escaped
  CHECK(r.exit_code == 2);
  CHECK(r.err == "exengine: error: unknown command 'frob\\x1b[2Jnicate' (see exengine --help)\n");

  r = run_exengine("check /no/such/file.py");
  CHECK(r.exit_code == 2);
  CHECK(r.err == "exengine: error: /no/such/file.py: no such file or folder\n");

  TempDir tmp;
  write_file(tmp / "stray.py", "print(1)\n");
  r = run_exengine("check " + shell_quote((tmp / "stray.py").string()));
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("cannot tell which exercise this is") != std::string::npos);

  r = run_exengine("judge --exercise threads/simple-thread --output /no/such/output");
  CHECK(r.exit_code == 2);
  CHECK(r.err == "exengine: error: /no/such/output: cannot read the output file\n");

  r = run_exengine("frobnicate");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("exengine: error: ") == 0);
}

TEST_CASE("a malformed manifest in --plugins is one warning line; the bundled plugins still load") {
  TempDir tmp;
  write_file(tmp / "broken" / "plugin.toml", "[plugin]\nname = \"broken\"\ntitle = \"x\"\nversion = \"1\"\nabi = 2\ntimout = 3\n");
  CommandResult r = run_exengine("--plugins " + shell_quote(tmp.path().string()) + " list");
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("threads") != std::string::npos);
  CHECK(r.err.find("plugin.toml:6:1: unknown key 'timout' in [plugin]") != std::string::npos);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
}

TEST_CASE("a mistyped or empty --plugins folder is one warning line; the bundled plugins still load") {
  TempDir tmp;
  const std::string missing = (tmp / "no-such-lessons").string();
  CommandResult r = run_exengine("--plugins " + shell_quote(missing) + " list");
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("threads/simple-thread") != std::string::npos);
  CHECK(r.err == "exengine: warning: " + missing + ": no such plugin folder\n");
  fs::create_directories(tmp / "empty");
  r = run_exengine("--plugins " + shell_quote((tmp / "empty").string()) + " list");
  CHECK(r.exit_code == 0);
  CHECK(r.err == "exengine: warning: " + (tmp / "empty").string() +
                     ": no plugins in this folder (each plugin is a folder with a plugin.toml; see docs/manifest.md)\n");
}

TEST_CASE("binary and invalid UTF-8 output is graded and shown escaped") {
  TempDir ws;
  write_file(ws / "threads" / "print-numbers.py",
             "import sys\nsys.stdout.buffer.write(b'0\\n1\\x1b[31m\\xff\\xfe\\x00\\n')\n");
  CommandResult r = run_exengine("check --color never " + shell_quote(ws.path().string()));
  CHECK(r.exit_code == 1);
  CHECK(r.out.find('\x1b') == std::string::npos);  // no raw escape reaches the terminal
  CHECK(r.out.find("\\x1b") != std::string::npos);
  r = run_exengine("check --json " + shell_quote(ws.path().string()));
  CHECK(r.exit_code == 1);
  CHECK_NOTHROW(nlohmann::json::parse(r.out));
}

TEST_CASE("points: at most one decimal on the terminal, two in the reports") {
  using exengine::format_points;
  CHECK(format_points(8.333333, 1) == "8.3");
  CHECK(format_points(10, 1) == "10");
  CHECK(format_points(0.06, 1) == "0.1");
  CHECK(format_points(-0.01, 1) == "0");
  CHECK(format_points(82.2222, 1) == "82.2");
  CHECK(format_points(100, 1) == "100");
  CHECK(format_points(8.333333) == "8.33");
  CHECK(format_points(7.5) == "7.5");
  CHECK(format_points(10) == "10");
}

TEST_CASE("judge and check give a partial-credit quiz the same verdict, score and message") {
  // A TOML-only lesson whose quiz passes at half the answers right, graded by the threads plugin's
  // quiz grader; one answer of two is right.
  TempDir tmp;
  write_file(tmp / "lessons" / "partial" / "plugin.toml",
             "[plugin]\nname = \"partial\"\ntitle = \"x\"\nversion = \"1.0.0\"\nabi = 2\n\n"
             "[[exercise]]\nid = \"partial/quiz\"\ntitle = \"x\"\nprompt = \"x\"\nlanguages = [\"python\"]\n"
             "points = 10\n"
             "grader = { name = \"threads:quiz\", pass_fraction = 0.5, answers = { q1 = \"a\", q2 = \"b\" } }\n");
  const std::string output = "q1: a\nq2: c\n";
  write_file(tmp / "quiz.py", "print('q1: a')\nprint('q2: c')\n");
  write_file(tmp / "out.txt", output);
  const std::string plugins = "--plugins " + shell_quote((tmp / "lessons").string()) + " ";
  CommandResult checked = run_exengine(plugins + "check --json --exercise partial/quiz " +
                                       shell_quote((tmp / "quiz.py").string()));
  INFO(checked.out << checked.err);
  REQUIRE(checked.exit_code == 0);
  CommandResult judged = run_exengine(plugins + "judge --json --exercise partial/quiz --output " +
                                      shell_quote((tmp / "out.txt").string()));
  INFO(judged.out << judged.err);
  REQUIRE(judged.exit_code == 0);
  const auto c = nlohmann::json::parse(checked.out).at(0);
  const auto j = nlohmann::json::parse(judged.out);
  CHECK(c["verdict"] == "passed");
  CHECK(j["verdict"] == c["verdict"]);
  CHECK(c["score"] == 5.0);
  CHECK(j["score"] == c["score"]);
  CHECK_FALSE(c["message"].get<std::string>().empty());
  CHECK(j["message"] == c["message"]);
}
