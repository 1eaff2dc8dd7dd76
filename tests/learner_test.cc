// The learner's loop on the real binary: init, check, progress, hint, and watch driven under tmux
// (send-keys, capture-pane), plus the watch screen's layout.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "learner/watch_screen.h"
#include "manifest/manifest.h"
#include "support/run_command.h"

using namespace exengine::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const fs::path kSource = EXENGINE_SOURCE_DIR;
const std::string kState = ".exengine-state.json";

std::string q(const fs::path& p) { return shell_quote(p.string()); }

// `exengine ARGS` run inside `dir`.
CommandResult exengine_in(const fs::path& dir, const std::string& args) {
  return run_command("cd " + q(dir) + " && " + shell_quote(EXENGINE_BIN) + " " + args);
}

// The ids of every exercise (in `exengine list` order) that offers `language`.
std::vector<json> listed_exercises() {
  CommandResult r = run_exengine("list --json");
  REQUIRE(r.exit_code == 0);
  std::vector<json> out;
  for (const auto& t : json::parse(r.out))
    for (const auto& e : t["exercises"]) out.push_back(e);
  return out;
}

std::size_t python_exercise_count() {
  std::size_t n = 0;
  for (const auto& e : listed_exercises())
    for (const auto& l : e["languages"]) n += l == "python";
  return n;
}

json progress(const fs::path& ws) {
  CommandResult r = run_exengine("progress --json " + q(ws));
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

const json& topic_of(const json& p, const std::string& topic) {
  for (const auto& t : p["topics"])
    if (t["topic"] == topic) return t;
  FAIL("no topic " << topic << " in " << p.dump());
  throw std::logic_error("unreachable");
}

std::string status_of(const json& p, const std::string& id) {
  for (const auto& t : p["topics"])
    for (const auto& e : t["exercises"])
      if (e["id"] == id) return e["status"];
  return "absent";
}

void solve(const fs::path& ws, const std::string& topic, const std::string& name) {
  fs::copy_file(kSource / "plugins" / topic / "solutions" / (name + ".py"), ws / topic / (name + ".py"),
                fs::copy_options::overwrite_existing);
}

}  // namespace

TEST_CASE("init lays out every python starter, a README and a state file") {
  TempDir tmp;
  const fs::path ws = tmp / "ws";
  CommandResult r = run_exengine("init " + q(ws));
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  const std::size_t n = python_exercise_count();
  CHECK(r.out.find("Created the Python workspace " + ws.string() + ": " + std::to_string(n) +
                   " exercise files in 5 topics (threads, locks, pools, queues, daemons).") != std::string::npos);
  CHECK(r.out.find("exengine watch") != std::string::npos);
  CHECK(read_file(ws / "threads" / "simple-thread.py") == read_file(kSource / "exercises/threads/simple-thread.py"));
  std::size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(ws))
    files += e.is_regular_file() && e.path().extension() == ".py";
  CHECK(files == n);
  const std::string readme = read_file(ws / "README.md");
  for (const char* word : {"exengine watch", "exengine hint", "exengine progress", "exengine reset", "exengine solution", "wrong-output", "timeout"})
    CHECK(readme.find(word) != std::string::npos);
  json state = json::parse(read_file(ws / kState));
  CHECK(state["language"] == "python");
  CHECK(state["topics"] == json({"threads", "locks", "pools", "queues", "daemons"}));
  CHECK(state["exercises"].size() == n);
  CHECK(state["exercises"]["threads/simple-thread"]["verdict"].is_null());

  // Nothing is done yet, and the first exercise in lesson order is next.
  json p = progress(ws);
  CHECK(p["done"] == 0);
  CHECK(p["total"] == n);
  CHECK(p["topics"][0]["topic"] == "threads");
  CHECK(status_of(p, "threads/simple-thread") == "not-started");
  CommandResult text = run_exengine("progress " + q(ws));
  CHECK(text.out.find("threads  ░░░░░░░░░░   0/11") != std::string::npos);
  CHECK(text.out.find("Next: threads/simple-thread (threads/simple-thread.py)") != std::string::npos);
}

TEST_CASE("init again keeps the learner's edits and adds back only what is missing") {
  TempDir tmp;
  const fs::path ws = tmp / "ws";
  REQUIRE(run_exengine("init --topics threads " + q(ws)).exit_code == 0);
  write_file(ws / "threads" / "simple-thread.py", "print('my work')\n");
  fs::remove(ws / "threads" / "squares.py");
  fs::remove(ws / "README.md");
  CommandResult r = run_exengine("init " + q(ws));
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("Workspace " + ws.string() + " (Python): added 1 files, kept 10 (your files are never overwritten).") !=
        std::string::npos);
  CHECK(read_file(ws / "threads" / "simple-thread.py") == "print('my work')\n");
  CHECK(fs::exists(ws / "threads" / "squares.py"));
  CHECK(fs::exists(ws / "README.md"));
  CHECK(!fs::exists(ws / "locks"));  // re-running keeps the workspace's topics
  CHECK(json::parse(read_file(ws / kState))["topics"] == json({"threads"}));

  // Adding a topic later adds its files only.
  r = run_exengine("init --topics locks " + q(ws));
  CHECK(r.exit_code == 0);
  CHECK(fs::exists(ws / "locks" / "lock-counter.py"));
  CHECK(read_file(ws / "threads" / "simple-thread.py") == "print('my work')\n");
  CHECK(json::parse(read_file(ws / kState))["topics"] == json({"threads", "locks"}));
}

TEST_CASE("init rejects an unknown topic or a second language with one line") {
  TempDir tmp;
  CommandResult r = run_exengine("init --topics thread " + q(tmp / "ws"));
  CHECK(r.exit_code == 2);
  CHECK(r.err == "exengine: error: unknown topic 'thread' (did you mean 'threads'?)\n");
  REQUIRE(run_exengine("init --topics threads " + q(tmp / "ws")).exit_code == 0);
  r = run_exengine("init --lang cpp " + q(tmp / "ws"));
  CHECK(r.exit_code == 2);
  CHECK(r.err == "exengine: error: " + (tmp / "ws").string() + ": this workspace is for python; make another folder for cpp\n");
}

TEST_CASE("init --lang cpp copies the C++ starters there are and names the exercises skipped") {
  TempDir tmp;
  const fs::path ws = tmp / "ws";
  CommandResult r = run_exengine("init --lang cpp --topics threads,locks " + q(ws));
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  std::size_t expected = 0;
  std::vector<std::string> skipped;
  for (const auto& e : listed_exercises()) {
    const std::string id = e["id"];
    const std::string topic = id.substr(0, id.find('/'));
    if (topic != "threads" && topic != "locks") continue;
    const std::string name = id.substr(id.find('/') + 1);
    bool cpp = false;
    for (const auto& l : e["languages"]) cpp = cpp || l == "cpp";
    if (cpp && fs::exists(kSource / "exercises" / topic / (name + ".cpp"))) {
      ++expected;
      CHECK(fs::exists(ws / topic / (name + ".cpp")));
    } else {
      skipped.push_back(id);
      CHECK(!fs::exists(ws / topic / (name + ".cpp")));
    }
  }
  CHECK(r.out.find(": " + std::to_string(expected) + " exercise files in 2 topics") != std::string::npos);
  if (!skipped.empty())
    CHECK(r.out.find("Skipped " + std::to_string(skipped.size()) + " exercises with no C++ starter yet: " + skipped[0]) !=
          std::string::npos);
  CHECK(json::parse(read_file(ws / kState))["language"] == "cpp");
}

TEST_CASE("a solution written in passes check and shows in progress, across restarts and edits") {
  TempDir tmp;
  const fs::path ws = tmp / "ws";
  REQUIRE(run_exengine("init --topics threads " + q(ws)).exit_code == 0);
  solve(ws, "threads", "simple-thread");
  CommandResult check = run_exengine("check " + q(ws / "threads" / "simple-thread.py"));
  INFO(check.out << check.err);
  CHECK(check.exit_code == 0);

  json p = progress(ws);
  CHECK(p["done"] == 1);
  CHECK(topic_of(p, "threads")["done"] == 1);
  CHECK(status_of(p, "threads/simple-thread") == "passed");
  json state = json::parse(read_file(ws / kState));
  CHECK(state["exercises"]["threads/simple-thread"]["verdict"] == "passed");
  const std::string hash = state["exercises"]["threads/simple-thread"]["hash"];

  // A restart answers from the state file: the check is not run again.
  CommandResult again = run_exengine("progress " + q(ws));
  CHECK(again.err.find("Checking") == std::string::npos);
  CHECK(again.out.find("threads  █░░░░░░░░░   1/11") != std::string::npos);
  CHECK(again.out.find(" ✓ simple-thread") != std::string::npos);
  CHECK(again.out.find("Next: threads/thread-args") != std::string::npos);

  // An edit made outside watch is re-checked: a half-written file fails, and is no longer done.
  write_file(ws / "threads" / "simple-thread.py", "import threading\ndef print_numbers(:\n");
  p = progress(ws);
  CHECK(p["done"] == 0);
  CHECK(status_of(p, "threads/simple-thread") == "failed");
  state = json::parse(read_file(ws / kState));
  CHECK(state["exercises"]["threads/simple-thread"]["verdict"] == "runtime-error");
  CHECK(state["exercises"]["threads/simple-thread"]["hash"] != hash);
}

TEST_CASE("a deleted or corrupt state file is rebuilt; unknown files are ignored") {
  TempDir tmp;
  const fs::path ws = tmp / "ws";
  REQUIRE(run_exengine("init --topics threads,locks " + q(ws)).exit_code == 0);
  solve(ws, "threads", "simple-thread");
  solve(ws, "locks", "lock-counter");
  write_file(ws / "notes.txt", "my notes\n");
  write_file(ws / "threads" / "scratch.py", "print('trying things')\n");
  write_file(ws / "threads" / "simple-thread.py.bak", "junk\n");
  write_file(ws / "misc" / "other.py", "print(1)\n");
  json before = progress(ws);
  CHECK(before["done"] == 2);
  const std::size_t total = before["total"];

  fs::remove(ws / kState);
  CommandResult r = run_exengine("progress --json " + q(ws));
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err == "exengine: warning: .exengine-state.json was missing: rebuilt it from the files\n");
  json p = json::parse(r.out);
  CHECK(p["done"] == 2);
  CHECK(p["total"] == total);
  CHECK(json::parse(read_file(ws / kState))["topics"] == json({"threads", "locks"}));

  write_file(ws / kState, "{\"format\": \"exengine-learner-state\", \"version\": 1, \"lang");
  r = run_exengine("progress --json " + q(ws));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.rfind("exengine: warning: .exengine-state.json was unreadable (" + (ws / kState).string() + ": malformed (", 0) == 0);
  CHECK(r.err.find("): rebuilt it from the files\n") != std::string::npos);
  CHECK(json::parse(r.out)["done"] == 2);
  CHECK(json::parse(read_file(ws / kState))["exercises"]["locks/lock-counter"]["verdict"] == "passed");
}

TEST_CASE("progress outside a workspace says how to make one") {
  TempDir tmp;
  CommandResult r = exengine_in(tmp.path(), "progress");
  CHECK(r.exit_code == 2);
  CHECK(r.err ==
        "exengine: error: .: not an exengine workspace (no .exengine-state.json here or above): create one with `exengine init DIR`\n");
}

TEST_CASE("hint shows the next hint each time inside a workspace and remembers it") {
  TempDir tmp;
  const fs::path ws = tmp / "ws";
  REQUIRE(run_exengine("init --topics threads " + q(ws)).exit_code == 0);
  CommandResult r = exengine_in(ws / "threads", "hint");  // no id: the current exercise
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out ==
        "threads/simple-thread: hint 1 of 3\n"
        "  `t = threading.Thread(target=print_numbers)`: pass the function itself, without parentheses.\n"
        "(run `exengine hint threads/simple-thread` again for the next one)\n");
  r = exengine_in(ws, "hint threads/simple-thread");
  CHECK(r.out.rfind("threads/simple-thread: hint 2 of 3\n  `start()` runs the target", 0) == 0);
  r = exengine_in(ws, "hint threads/simple-thread.py");
  CHECK(r.out == "threads/simple-thread: hint 3 of 3\n  `for i in range(5):` counts 0, 1, 2, 3, 4.\n(that was the last hint)\n");
  CHECK(json::parse(read_file(ws / kState))["exercises"]["threads/simple-thread"]["hints_revealed"] == 3);
  r = exengine_in(ws, "hint threads/simple-thread");
  CHECK(r.out.rfind("threads/simple-thread: all 3 hints\n  1. ", 0) == 0);
  CHECK(r.out.find("(no more hints; the prompt: exengine show threads/simple-thread)\n") != std::string::npos);

  // Another exercise counts on its own; --all shows them all.
  r = run_exengine("hint --dir " + q(ws) + " threads/thread-args --all");
  CHECK(r.out.rfind("threads/thread-args: all 3 hints\n  1. ", 0) == 0);
  CHECK(json::parse(read_file(ws / kState))["exercises"]["threads/thread-args"]["hints_revealed"] == 3);

  // Outside a workspace: the first hint, and how to see more.
  r = exengine_in(tmp.path(), "hint threads/simple-thread");
  CHECK(r.out.rfind("threads/simple-thread: hint 1 of 3\n", 0) == 0);
  CHECK(r.out.find("(outside a workspace hints are not remembered: --all shows every hint)\n") != std::string::npos);
  r = exengine_in(tmp.path(), "hint threads/nope");
  CHECK(r.exit_code == 2);
  CHECK(r.err == "exengine: error: unknown exercise 'threads/nope' (see exengine list)\n");
}

// Sets a file's modification time `seconds` into the past (a save long done).
static void age(const fs::path& p, int seconds) {
  fs::last_write_time(p, fs::file_time_type::clock::now() - std::chrono::seconds(seconds));
}

const fs::path kStarters = kSource / "exercises" / "threads";  // plugins/threads/plugin.toml: starters

TEST_CASE("reset puts the starter back and keeps every earlier version as a backup") {
  TempDir tmp;
  const fs::path ws = tmp / "ws";
  REQUIRE(run_exengine("init --topics threads " + q(ws)).exit_code == 0);
  const fs::path file = ws / "threads" / "simple-thread.py";
  const std::string starter = read_file(file);
  REQUIRE(starter == read_file(kStarters / "simple-thread.py"));

  CommandResult r = exengine_in(ws, "reset threads/simple-thread");
  CHECK(r.exit_code == 0);
  CHECK(r.out == "threads/simple-thread.py is already the starter: nothing to reset.\n");

  // A file saved a moment ago may be open in an editor with unsaved changes: refused, untouched.
  write_file(file, "print('my first try')\n");
  r = exengine_in(ws, "reset threads/simple-thread");
  CHECK(r.exit_code == 2);
  CHECK(r.err ==
        "exengine: error: threads/simple-thread.py was saved less than a second ago: if an editor has unsaved "
        "changes, save or close it, then reset again (nothing was changed)\n");
  CHECK(read_file(file) == "print('my first try')\n");
  CHECK(!fs::exists(ws / "threads" / "simple-thread.py.before-reset-1"));

  age(file, 5);
  r = exengine_in(ws / "threads", "reset threads/simple-thread.py");  // from a subfolder, with the extension
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out ==
        "Reset threads/simple-thread.py to its starter. Your version is kept as "
        "threads/simple-thread.py.before-reset-1.\n");
  CHECK(read_file(file) == starter);
  CHECK(read_file(ws / "threads" / "simple-thread.py.before-reset-1") == "print('my first try')\n");
  CHECK(status_of(progress(ws), "threads/simple-thread") == "not-started");

  // A second reset never overwrites the first backup, nor follows a link planted in its place.
  const fs::path outside = tmp / "outside.txt";
  write_file(outside, "not yours\n");
  fs::create_symlink(outside, ws / "threads" / "simple-thread.py.before-reset-2");
  write_file(file, "print('my second try')\n");
  age(file, 5);
  r = run_exengine("reset --dir " + q(ws) + " threads/simple-thread");
  CHECK(r.exit_code == 0);
  CHECK(r.out ==
        "Reset threads/simple-thread.py to its starter. Your version is kept as "
        "threads/simple-thread.py.before-reset-3.\n");
  CHECK(read_file(ws / "threads" / "simple-thread.py.before-reset-1") == "print('my first try')\n");
  CHECK(read_file(ws / "threads" / "simple-thread.py.before-reset-3") == "print('my second try')\n");
  CHECK(read_file(outside) == "not yours\n");
  CHECK(read_file(file) == starter);

  // The exercise file is a link to a file elsewhere: refused, neither the link nor its target touched.
  fs::remove(file);
  fs::create_symlink(outside, file);
  age(outside, 5);
  r = exengine_in(ws, "reset threads/simple-thread");
  CHECK(r.exit_code == 2);
  CHECK(r.err ==
        "exengine: error: threads/simple-thread.py is not a regular file: move it away yourself, then reset again "
        "(nothing was changed)\n");
  CHECK(fs::is_symlink(file));
  CHECK(read_file(outside) == "not yours\n");
  CHECK(!fs::exists(ws / "threads" / "simple-thread.py.before-reset-4"));
  fs::remove(file);

  // A deleted file gets its starter back.
  fs::remove(ws / "threads" / "thread-args.py");
  r = exengine_in(ws, "reset threads/thread-args");
  CHECK(r.out == "threads/thread-args.py was missing: wrote its starter.\n");
  CHECK(read_file(ws / "threads" / "thread-args.py") == read_file(kStarters / "thread-args.py"));

  // Not in this workspace, not an exercise, not a workspace: one line each, exit 2.
  r = exengine_in(ws, "reset locks/lock-counter");
  CHECK(r.exit_code == 2);
  CHECK(r.err ==
        "exengine: error: locks/lock-counter is not in this workspace (its topics: threads; add one with "
        "`exengine init --topics locks .`)\n");
  r = exengine_in(ws, "reset threads/simple-thred");
  CHECK(r.err == "exengine: error: unknown exercise 'threads/simple-thred' (did you mean 'threads/simple-thread'? see exengine list)\n");
  r = exengine_in(tmp.path(), "reset threads/simple-thread");
  CHECK(r.exit_code == 2);
  CHECK(r.err ==
        "exengine: error: .: not an exengine workspace (no .exengine-state.json here or above): create one with `exengine init DIR`\n");
}

TEST_CASE("list follows the lesson order and, in a workspace, shows each exercise's status") {
  TempDir tmp;
  CommandResult r = exengine_in(tmp.path(), "list");
  REQUIRE(r.exit_code == 0);
  std::vector<std::string> topics;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);)
    if (!line.empty() && line[0] != ' ') topics.push_back(line.substr(0, line.find(' ')));
  CHECK(topics == std::vector<std::string>{"threads", "locks", "pools", "queues", "daemons"});
  CHECK(r.out.find("  threads/simple-thread            Your first thread\n") != std::string::npos);

  const fs::path ws = tmp / "ws";
  REQUIRE(run_exengine("init --topics threads " + q(ws)).exit_code == 0);
  solve(ws, "threads", "simple-thread");
  write_file(ws / "threads" / "thread-args.py", "import threading\ndef greet(:\n");
  progress(ws);  // checks the changed files and records their verdicts
  write_file(ws / "threads" / "squares.py", "print(1)\n");
  r = exengine_in(ws / "threads", "list threads");
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.rfind("Workspace " + ws.string() + ": 1 of 11 exercises passed (status as last checked).\n\n"
                    "threads — Threads: start, join, arguments and results (11 exercises)\n"
                    "  threads/simple-thread            passed         Your first thread\n"
                    "  threads/thread-args              runtime-error  Passing an argument to a thread\n"
                    "  threads/multiple-threads         not started    Three threads at once\n",
                    0) == 0);
  CHECK(r.out.find("  threads/squares                  not checked    Five threads, five squares\n") != std::string::npos);
  r = exengine_in(ws, "list --json");
  json j = json::parse(r.out);
  CHECK(j[0]["topic"] == "threads");
  CHECK(j[0]["exercises"][0]["status"] == "passed");
  CHECK(j[1]["exercises"][0]["status"] == "-");  // locks: not in this workspace
}

TEST_CASE("solution prints the reference; check points to it after a pass; stderr names the learner's file") {
  TempDir tmp;
  const fs::path ws = tmp / "ws";
  REQUIRE(run_exengine("init --topics threads " + q(ws)).exit_code == 0);
  CommandResult r = exengine_in(ws, "solution threads/simple-thread");
  CHECK(r.exit_code == 0);
  CHECK(r.out == read_file(kSource / "plugins" / "threads" / "solutions" / "simple-thread.py"));

  solve(ws, "threads", "simple-thread");
  r = exengine_in(ws, "check threads/simple-thread.py");
  CHECK(r.exit_code == 0);
  CHECK(r.out.ends_with("\n1 of 1 passed, 10/10 points\nCompare with the reference solution: exengine solution threads/simple-thread\n"));
  r = exengine_in(ws, "check threads/thread-args.py");  // a failure says nothing of the solution
  CHECK(r.out.find("reference solution") == std::string::npos);

  // A traceback shows the learner's path, never the sandbox copy's.
  write_file(ws / "threads" / "thread-args.py", "import threading\n\n\nraise KeyError(1)\n");
  r = exengine_in(ws, "check threads/thread-args.py");
  INFO(r.out);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("    |   File \"threads/thread-args.py\", line 4, in <module>\n") != std::string::npos);
  CHECK(r.out.find("exengine-runs") == std::string::npos);
  CHECK(r.out.find("/run-") == std::string::npos);
}

TEST_CASE("the watch screen fits its terminal and keeps the keys line") {
  exengine::Exercise ex;
  ex.id = "threads/x";
  ex.title = "X";
  for (int i = 0; i < 40; ++i) ex.prompt += "prompt line " + std::to_string(i) + "\n";
  ex.hints = {"first hint", "second hint"};
  exengine::WatchFrame f;
  f.root = "/ws";
  f.exercise = &ex;
  f.file = "threads/x.py";
  f.index = 1;
  f.count = 3;
  f.rows = 20;
  f.cols = 60;
  f.hints_revealed = 1;
  exengine::ExerciseResult r;
  r.exercise = ex.id;
  r.verdict = exengine::Verdict::wrong_output;
  r.message = "'Thread: 4' is missing";
  f.result = r;
  exengine::WatchScreen screen;
  std::vector<std::string> lines = screen.lines(f);
  INFO(json(lines).dump(1));
  CHECK(lines.size() == 19);
  CHECK(lines[17] == "[h] hint (1 of 2 shown)  [n] next  [p] previous  [l] list");
  CHECK(lines[18] == "[r] recheck  [q] quit");
  auto has = [&](const std::string& s) {
    return std::find(lines.begin(), lines.end(), s) != lines.end();
  };
  CHECK(has("Your file: threads/x.py  (edit it and save: every save is"));
  CHECK(has("✗ wrong-output"));
  CHECK(has("  'Thread: 4' is missing"));
  CHECK(has("Hint 1 of 2: first hint"));
  CHECK(!has("Hint 2 of 2: second hint"));
  CHECK(has("… (the whole prompt: exengine show threads/x)"));
  for (const auto& l : lines) CHECK(exengine::WatchScreen::wrap(l, 60).size() == 1);

  CHECK(exengine::WatchScreen::wrap("abcdef", 10) == std::vector<std::string>{"abcdef"});
  CHECK(exengine::WatchScreen::wrap(std::string(25, 'a'), 10) ==
        std::vector<std::string>{std::string(10, 'a'), std::string(10, 'a'), std::string(5, 'a')});
  CHECK(exengine::WatchScreen::wrap("██████████░", 10) == std::vector<std::string>{"██████████", "░"});
  CHECK(exengine::WatchScreen::wrap("aaaaaa bbbbbbb", 10) == std::vector<std::string>{"aaaaaa", "bbbbbbb"});
  CHECK(exengine::WatchScreen::wrap("a bbbbbbbbbbbb", 10) == std::vector<std::string>{"a bbbbbbbb", "bbbb"});
  CHECK(exengine::WatchScreen::wrap("\x1b[31mred\x1b[0m", 3) == std::vector<std::string>{"\x1b[31mred\x1b[0m"});

  // A prompt's paragraphs are reflowed before wrapping; lists, indented lines and code keep their breaks.
  CHECK(exengine::WatchScreen::reflow("Create three threads, one\nper task number.\n\nThen:\n- start\n- join\n"
                                      "```\nTask 0\nTask 1\n```\n  indented\n  kept\n") ==
        "Create three threads, one per task number.\n\nThen:\n- start\n- join\n```\nTask 0\nTask 1\n```\n  indented\n  kept\n");
  CHECK(exengine::WatchScreen::reflow("a\nb") == "a b");
}

TEST_CASE("at 80x24 the verdict, its message and the first lines of the diff show, hints revealed or not") {
  exengine::Exercise ex;
  ex.id = "threads/task-numbers";
  ex.title = "Three numbered tasks";
  ex.prompt =
      "Write `task(n)`, which prints `Task n` (`Task 0`, `Task 1`, `Task 2`). Create three threads, one\n"
      "per task number, passing the number through `args`. Start all three, then join all three.\n\n"
      "The lines may appear in any order (or torn into each other); each must appear exactly once.\n";
  ex.hints = {"A list comprehension builds the threads: `[threading.Thread(target=task, args=(i,)) for i in range(3)]`.",
              "One loop starts every thread, a second loop joins every thread."};
  exengine::WatchFrame f;
  f.root = "/home/learner/exengine-workspace";
  f.exercise = &ex;
  f.file = "threads/task-numbers.py";
  f.index = 5;
  f.count = 11;
  f.rows = 24;
  f.cols = 80;
  exengine::ExerciseResult r;
  r.exercise = ex.id;
  r.verdict = exengine::Verdict::wrong_output;
  r.message = "'Task 2' is missing";
  r.diff = "--- expected\n+++ got\n@@ -1,3 +1,2 @@\n Task 0\n Task 1\n-Task 2\n";
  f.result = r;
  exengine::WatchScreen screen;
  for (std::size_t hints : {0, 1, 2}) {
    f.hints_revealed = hints;
    std::vector<std::string> lines = screen.lines(f);
    INFO(hints << " hints: " << json(lines).dump(1));
    CHECK(lines.size() <= 23);
    auto at = [&](const std::string& l) { return std::find(lines.begin(), lines.end(), l) - lines.begin(); };
    const auto v = at("✗ wrong-output");
    REQUIRE(v < static_cast<long>(lines.size()));
    CHECK(lines[v + 1] == "  'Task 2' is missing");
    CHECK(lines[v + 2] == "  diff (- expected, + your output):");
    CHECK(lines[v + 3] == "     Task 0");
    CHECK(lines[v + 4] == "     Task 1");
    CHECK(lines[v + 5] == "    -Task 2");
    // The prompt's first paragraph wraps at words, not at the source's line breaks.
    CHECK(at("Write `task(n)`, which prints `Task n` (`Task 0`, `Task 1`, `Task 2`). Create") < static_cast<long>(lines.size()));
    if (hints > 0) CHECK(at("Hint 1 of 2: A list comprehension builds the threads:") < static_cast<long>(lines.size()));
  }
}

// ---- watch under tmux ----------------------------------------------------------------------

namespace {

// A tmux server of our own (its own socket), killed at the end.
class Tmux {
 public:
  Tmux() : socket_("exengine-learner-test-" + std::to_string(::getpid())) {}
  ~Tmux() { run_command("tmux -L " + socket_ + " kill-server"); }
  void start(const fs::path& dir, const std::string& command, int cols = 100, int rows = 40) {
    // The pane stays after the command ends so its last words can be read; 100x40 fits the screen.
    CommandResult r = run_command("tmux -L " + socket_ + " -f /dev/null new-session -d -s w -x " + std::to_string(cols) +
                                  " -y " + std::to_string(rows) + " -c " + q(dir) + " " +
                                  shell_quote(command + "; echo EXITED=$?; sleep 60"));
    REQUIRE(r.exit_code == 0);
  }
  std::string screen() const { return run_command("tmux -L " + socket_ + " capture-pane -p -t w").out; }
  void keys(const std::string& k) const { run_command("tmux -L " + socket_ + " send-keys -t w " + k); }
  // Waits until the screen shows `text`; returns the screen.
  std::string wait_for(const std::string& text, double seconds = 30) const {
    auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    std::string s;
    while (std::chrono::steady_clock::now() < end) {
      s = screen();
      if (s.find(text) != std::string::npos) return s;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    FAIL_CHECK("the screen never showed '" << text << "'; it shows:\n" << s);
    return s;
  }

 private:
  std::string socket_;
};

bool have_tmux() { return run_command("tmux -V").exit_code == 0; }

}  // namespace

TEST_CASE("watch: a new learner goes from init to passing the first threads exercise") {
  if (!have_tmux()) FAIL("tmux is not installed (apt-get install -y tmux)");
  TempDir tmp;
  const fs::path ws = tmp / "ws";
  REQUIRE(run_exengine("init " + q(ws)).exit_code == 0);
  Tmux tmux;
  tmux.start(ws, shell_quote(EXENGINE_BIN) + " watch");

  // The first exercise, its prompt and why the starter fails.
  std::string s = tmux.wait_for("✗ wrong-output");
  CHECK(s.find("Exercise 1 of ") != std::string::npos);
  CHECK(s.find("threads/simple-thread — Your first thread") != std::string::npos);
  CHECK(s.find("Your file: threads/simple-thread.py") != std::string::npos);
  CHECK(s.find("Write a function `print_numbers()`") != std::string::npos);
  CHECK(s.find("[h] hint (0 of 3 shown)") != std::string::npos);

  tmux.keys("h");
  s = tmux.wait_for("Hint 1 of 3: `t = threading.Thread(target=print_numbers)`");
  CHECK(s.find("[h] hint (1 of 3 shown)") != std::string::npos);

  // A half-written save is just a verdict; the next save is checked again.
  write_file(ws / "threads" / "simple-thread.py", "import threading\ndef print_numbers(:\n");
  s = tmux.wait_for("✗ runtime-error");

  solve(ws, "threads", "simple-thread");
  s = tmux.wait_for("✓ threads/simple-thread passed! Next: threads/thread-args.");
  s = tmux.wait_for("threads/thread-args — Passing an argument to a thread");
  CHECK(s.find(" · 1/" + std::to_string(python_exercise_count()) + " passed") != std::string::npos);

  tmux.keys("h");
  tmux.wait_for("Hint 1 of 3: `threading.Thread(target=greet, args=(...))`");

  tmux.keys("l");
  s = tmux.wait_for("▶· thread-args");
  CHECK(s.find(" ✓ simple-thread") != std::string::npos);
  CHECK(s.find("threads  █░░░░░░░░░   1/11") != std::string::npos);
  tmux.keys("l");  // next page, or back
  tmux.keys("Escape");
  tmux.wait_for("[n] next  [p] previous");

  tmux.keys("q");
  s = tmux.wait_for("EXITED=0");
  CHECK(s.find("Stopped watching: 1 of ") != std::string::npos);

  // What watch saw is remembered.
  json p = progress(ws);
  CHECK(status_of(p, "threads/simple-thread") == "passed");
  CHECK(json::parse(read_file(ws / kState))["exercises"]["threads/thread-args"]["hints_revealed"] == 1);
}

TEST_CASE("watch: a hanging program does not freeze the screen; --poll and rename-saves are seen") {
  if (!have_tmux()) FAIL("tmux is not installed (apt-get install -y tmux)");
  TempDir tmp;
  const fs::path ws = tmp / "ws";
  REQUIRE(run_exengine("init --topics threads " + q(ws)).exit_code == 0);
  solve(ws, "threads", "simple-thread");
  Tmux tmux;
  tmux.start(ws, shell_quote(EXENGINE_BIN) + " watch --poll --timeout 3");
  // simple-thread passes at start (it was solved before), so the screen moves on by itself.
  std::string s = tmux.wait_for("threads/thread-args — Passing an argument to a thread");
  CHECK(s.find(" · 1/11 passed · polling for saves (--poll)") != std::string::npos);
  CHECK(s.find("✓ threads/simple-thread passed! Next: threads/thread-args.") != std::string::npos);

  // A save by rename (as vim does): a new file moved over the old one.
  write_file(ws / "threads" / ".thread-args.py.swp", "import time\nwhile True:\n    time.sleep(1)\n");
  fs::rename(ws / "threads" / ".thread-args.py.swp", ws / "threads" / "thread-args.py");
  tmux.wait_for("checking…");
  tmux.keys("l");  // the keys still work while the program hangs
  tmux.wait_for("▶");
  tmux.keys("Escape");
  s = tmux.wait_for("✗ timeout", 40);
  tmux.keys("q");
  tmux.wait_for("EXITED=0");
}

namespace {

std::vector<std::string> screen_lines(const std::string& screen) {
  std::vector<std::string> out;
  std::istringstream in(screen);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// Terminal cells of a line (a UTF-8 character takes one).
std::size_t cells(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// The prompt's lines on the watch screen: from after "Your file: ..." and its blank line to the
// next blank line. Each but the last must be full enough that the next line's first word would
// not have fitted: wrapped at word boundaries, not raggedly.
void check_prompt_wraps_at_words(const std::string& screen, std::size_t cols) {
  std::vector<std::string> lines = screen_lines(screen);
  std::size_t i = 0;
  while (i < lines.size() && lines[i].rfind("Your file: ", 0) != 0) ++i;
  i += 2;
  for (; i + 1 < lines.size() && !lines[i].empty() && !lines[i + 1].empty(); ++i) {
    if (lines[i].rfind("…", 0) == 0 || lines[i + 1].rfind("…", 0) == 0) break;
    const std::string next_word = lines[i + 1].substr(0, lines[i + 1].find(' '));
    INFO("line: '" << lines[i] << "' then '" << lines[i + 1] << "'");
    CHECK(cells(lines[i]) + 1 + cells(next_word) > cols);
  }
}

}  // namespace

TEST_CASE("watch at 80x24 and 120x40: the verdict fits; the list selects; previous; cancel on save; reset") {
  if (!have_tmux()) FAIL("tmux is not installed (apt-get install -y tmux)");
  for (const auto& [cols, rows] : std::vector<std::pair<int, int>>{{80, 24}, {120, 40}}) {
    INFO("terminal " << cols << "x" << rows);
    TempDir tmp;
    const fs::path ws = tmp / "ws";
    REQUIRE(run_exengine("init --topics threads " + q(ws)).exit_code == 0);
    Tmux tmux;
    tmux.start(ws, shell_quote(EXENGINE_BIN) + " watch --timeout 30", cols, rows);

    // The verdict, its message and the first lines of the diff are on the screen.
    std::string s = tmux.wait_for("✗ wrong-output");
    INFO(s);
    CHECK(s.find("the program printed nothing; expected 5 lines starting with 'Thread: 0'") != std::string::npos);
    CHECK(s.find("diff (- expected, + your output):") != std::string::npos);
    CHECK(s.find("    -Thread: 0\n") != std::string::npos);
    CHECK(s.find("[h] hint (0 of 3 shown)  [n] next  [p] previous  [l] list  [r] recheck  [q] quit") != std::string::npos);
    for (const std::string& line : screen_lines(s)) CHECK(cells(line) <= static_cast<std::size_t>(cols));
    check_prompt_wraps_at_words(s, cols);

    // Next, previous, and a reminder for a key that means nothing.
    tmux.keys("n");
    tmux.wait_for("Exercise 2 of 11: threads/thread-args");
    check_prompt_wraps_at_words(tmux.wait_for("expected 1 line starting with 'Hello Tanuja'"), cols);
    tmux.keys("p");
    tmux.wait_for("Back to threads/simple-thread.");
    tmux.wait_for("Exercise 1 of 11: threads/simple-thread");
    tmux.keys("p");
    tmux.wait_for("This is the first exercise.");
    tmux.keys("'?'");
    tmux.wait_for("Keys: h hint · n next · p previous · l list · r check again · q quit");

    // The list: j/k and the arrows move its cursor, Enter opens the exercise under it.
    tmux.keys("l");
    tmux.wait_for("▶· simple-thread");
    tmux.keys("j");
    tmux.keys("j");
    tmux.wait_for("▶· multiple-threads");
    tmux.keys("Down");
    tmux.wait_for("▶· print-numbers");
    tmux.keys("Up");
    tmux.keys("k");
    tmux.wait_for("▶· thread-args");
    tmux.keys("j");
    tmux.wait_for("▶· multiple-threads");
    tmux.keys("x");
    tmux.wait_for("In the list: ↑/↓ or j/k choose · Enter opens · l next page · Esc back · q quit");
    tmux.keys("Enter");
    tmux.wait_for("Opened threads/multiple-threads.");
    tmux.wait_for("Exercise 3 of 11: threads/multiple-threads");

    // A hanging save is being checked (30 s limit); a fixed save cancels it and is checked at once.
    const fs::path file = ws / "threads" / "multiple-threads.py";
    write_file(file, "import time\nwhile True:\n    time.sleep(1)\n");
    tmux.wait_for("checking…");
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    const auto saved = std::chrono::steady_clock::now();
    solve(ws, "threads", "multiple-threads");
    tmux.wait_for("✓ threads/multiple-threads passed!", 20);  // not after the 30 s of the hang
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - saved).count();
    CHECK(seconds < 20);
    WARN("the fixed save's verdict came " << seconds << " s after it (the hang's limit: 30 s)");
    s = tmux.wait_for("Compare with the reference solution: exengine solution threads/multiple-threads");
    CHECK(s.find("✗ timeout") == std::string::npos);

    // reset while watching: the starter is back, and watch checks it again.
    age(file, 5);
    CommandResult r = exengine_in(ws, "reset threads/multiple-threads");
    CHECK(r.out == "Reset threads/multiple-threads.py to its starter. Your version is kept as "
                   "threads/multiple-threads.py.before-reset-1.\n");
    tmux.wait_for("threads/multiple-threads.py: wrong-output");
    tmux.wait_for(" · 0/11 passed");
    tmux.keys("q");
    tmux.wait_for("EXITED=0");
  }
}

TEST_CASE("watch off a terminal writes plain lines without escape codes") {
  if (!have_tmux()) FAIL("tmux is not installed (apt-get install -y tmux)");
  TempDir tmp;
  const fs::path ws = tmp / "ws";
  REQUIRE(run_exengine("init --topics threads " + q(ws)).exit_code == 0);
  Tmux tmux;  // the keys come from the terminal; the output goes to a pipe
  tmux.start(ws, shell_quote(EXENGINE_BIN) + " watch | tee " + q(tmp / "out.txt"), 80, 24);
  tmux.wait_for("threads/simple-thread.py: ✗ wrong-output");
  tmux.keys("h");
  tmux.wait_for("Hint 1 of 3: ");
  solve(ws, "threads", "simple-thread");
  tmux.wait_for("threads/thread-args.py: ✗ wrong-output");
  tmux.keys("q");
  tmux.wait_for("EXITED=0");
  const std::string out = read_file(tmp / "out.txt");
  CHECK(out.find('\x1b') == std::string::npos);
  CHECK(out ==
        "Exercise 1 of 11: threads/simple-thread — Your first thread (your file: threads/simple-thread.py)\n"
        "threads/simple-thread.py: ✗ wrong-output: the program printed nothing; expected 5 lines starting with "
        "'Thread: 0'\n"
        "Hint 1 of 3: `t = threading.Thread(target=print_numbers)`: pass the function itself, without parentheses.\n"
        "threads/simple-thread.py: ✓ passed\n"
        "✓ threads/simple-thread passed! Next: threads/thread-args.\n"
        "Compare with the reference solution: exengine solution threads/simple-thread\n"
        "Exercise 2 of 11: threads/thread-args — Passing an argument to a thread (your file: threads/thread-args.py)\n"
        "threads/thread-args.py: ✗ wrong-output: the program printed nothing; expected 1 line starting with 'Hello Tanuja'\n"
        "Stopped watching: 1 of 11 exercises passed. `exengine watch` picks up where you left off.\n");
}
