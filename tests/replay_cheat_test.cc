// Replay cheats (issue "probes"): the generated Python and C++ programs reproduce an output byte
// for byte, tricky bytes included, at the recorded times; `exengine check` fails a cheat with the
// teaching sentence; `exengine selftest` shows a cheat row after every reference it can replay.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "checking/replay_cheat.h"
#include "support/run_command.h"

using namespace exengine;
using namespace exengine::test;
namespace fs = std::filesystem;

namespace {

using namespace std::string_literals;

// NUL, quotes, backslash, an escape sequence, invalid UTF-8, a digit right after an escaped byte,
// a would-be trigraph, CR LF, and bytes that are only meaningful in hex.
const std::string kTricky = "plain line\n"s + "quote ' and \" and \\ backslash\n" + "nul:"s + '\0' + "7 after nul\n" +
                            "\x1b[31mred\x1b[0m\n" + "bad utf-8: \xff\xfe\xc3(\n" + "\x01" + "2345 digits after \\001\n" +
                            "?\?= ?\?/ trigraphs\r\n" + "tab\there \x7f del \x80\x9f\n" + "no newline at the end";

std::vector<ReplayChunk> tricky_chunks() {
  // Three reads: at 0 ms, 150 ms and 300 ms, splitting inside an escape-heavy stretch.
  const std::vector<OutputChunk> timeline = {{0, 0}, {20, 150}, {60, 300}};
  return replay_chunks(kTricky, timeline, 400);
}

// The source without its comment lines (which may name what the cheat does not use).
std::string code_of(const std::string& source) {
  std::string code;
  std::size_t start = 0;
  while (start < source.size()) {
    std::size_t end = source.find('\n', start);
    if (end == std::string::npos) end = source.size();
    const std::string line = source.substr(start, end - start);
    if (line.rfind("#", 0) != 0 || line.rfind("#include", 0) == 0)
      if (line.rfind("//", 0) != 0) code += line + "\n";
    start = end + 1;
  }
  return code;
}

std::vector<std::string> words(const std::string& line) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && line[i] == ' ') ++i;
    std::size_t j = i;
    while (j < line.size() && line[j] != ' ') ++j;
    if (j > i) out.push_back(line.substr(i, j - i));
    i = j;
  }
  return out;
}

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

TEST_CASE("replay_chunks splits an output at the timeline's offsets and keeps the run's length") {
  const std::vector<ReplayChunk> chunks = tricky_chunks();
  REQUIRE(chunks.size() == 4);
  CHECK(chunks[0].bytes == kTricky.substr(0, 20));
  CHECK(chunks[1].bytes == kTricky.substr(20, 40));
  CHECK(chunks[2].bytes == kTricky.substr(60));
  CHECK(chunks[1].ms == 150);
  CHECK(chunks[3].bytes.empty());  // the run went on after its last output
  CHECK(chunks[3].ms == 400);
  std::string joined;
  for (const auto& c : chunks) joined += c.bytes;
  CHECK(joined == kTricky);

  // No timeline: one chunk; offsets past the end and times going backwards are tolerated.
  CHECK(replay_chunks("abc", {}).size() == 1);
  const auto odd = replay_chunks("abcdef", {{0, 50}, {3, 10}, {99, 70}});
  REQUIRE(odd.size() == 2);
  CHECK(odd[1].ms == 50);
  CHECK(odd[0].bytes + odd[1].bytes == "abcdef");
}

TEST_CASE("cheat literals escape every tricky byte") {
  CHECK(python_bytes_literal("a'b\\c") == R"(b'a\'b\\c')");
  CHECK(python_bytes_literal("\0"s + "7\x1b\xff\n") == R"(b'\x007\x1b\xff\x0a')");
  CHECK(cpp_string_literal("a\"b\\c?") == R"("a\"b\\c\?")");
  // A digit right after an escaped byte starts a new literal.
  CHECK(cpp_string_literal("\x01"s + "2") == R"("\001" "2")");
  CHECK(cpp_string_literal("\0"s + "x") == R"("\000x")");
  CHECK(cpp_string_literal("\xff") == R"("\377")");
  // A line break in the output ends the literal: the source stays readable.
  CHECK(cpp_string_literal("a\nb") == "\"a\\012\"\n        \"b\"");
  CHECK(replay_cheat_source("rust", tricky_chunks()).empty());
  CHECK(replay_cheat_extension("cpp") == ".cpp");
  CHECK(replay_cheat_extension("python") == ".py");
}

TEST_CASE("the Python cheat reproduces the output byte for byte, at the recorded times") {
  TempDir dir;
  const std::string source = replay_cheat_source("python", tricky_chunks());
  for (const char* banned : {"thread", "multiprocessing", "Pool", "Lock", "Queue", "import os"})
    CHECK(code_of(source).find(banned) == std::string::npos);
  write_file(dir / "cheat.py", source);
  const auto t0 = std::chrono::steady_clock::now();
  CommandResult r = run_command("/usr/bin/python3 " + shell_quote((dir / "cheat.py").string()));
  const double ms = ms_since(t0);
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out == kTricky);
  CHECK(ms >= 400);
}

TEST_CASE("the C++ cheat reproduces the output byte for byte, at the recorded times") {
  TempDir dir;
  const std::string source = replay_cheat_source("cpp", tricky_chunks());
  for (const char* banned : {"thread", "fork", "mutex", "pipe", "queue", "pthread"})
    CHECK(code_of(source).find(banned) == std::string::npos);
  write_file(dir / "cheat.cpp", source);
  CommandResult built = run_command("g++ -std=c++20 -Wall -Wextra -Werror -o " + shell_quote((dir / "cheat").string()) +
                                    " " + shell_quote((dir / "cheat.cpp").string()));
  INFO(built.err << source);
  REQUIRE(built.exit_code == 0);
  const auto t0 = std::chrono::steady_clock::now();
  CommandResult r = run_command(shell_quote((dir / "cheat").string()));
  const double ms = ms_since(t0);
  CHECK(r.exit_code == 0);
  CHECK(r.out == kTricky);
  CHECK(ms >= 400);
}

TEST_CASE("check fails a replay cheat of a threads exercise with the teaching sentence, in Python and C++") {
  TempDir dir;
  const std::string output = "Task 0 running\nTask 1 running\nTask 2 running\n";
  for (const std::string language : {"python", "cpp"}) {
    INFO(language);
    const fs::path file = dir / ("cheat" + replay_cheat_extension(language));
    write_file(file, replay_cheat_source(language, replay_chunks(output, {{0, 5}, {15, 10}, {30, 15}})));
    CommandResult r = run_exengine("check --json --exercise threads/multiple-threads " + shell_quote(file.string()));
    INFO(r.out << r.err);
    auto results = nlohmann::json::parse(r.out);
    REQUIRE(results.size() == 1);
    CHECK(results[0]["stdout"] == output);
    const std::string message = results[0]["message"];
    if (message.find("probe unavailable") != std::string::npos) continue;  // nothing can catch it here
    CHECK(results[0]["verdict"] == "wrong-output");
    CHECK(message.find("your program printed the right lines but started 0 threads; the exercise asks for 3.") !=
          std::string::npos);
  }
}

TEST_CASE("selftest shows a cheat row after each replayable reference, and every cheat is caught") {
  CommandResult r = run_exengine("selftest queues");
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("UNEXPECTED") == std::string::npos);
  std::size_t cheats = 0;
  std::vector<std::string> previous;  // the last row: id, kind, verdict, language, mark, file
  std::size_t start = 0;
  while (start < r.out.size()) {
    std::size_t end = r.out.find('\n', start);
    if (end == std::string::npos) end = r.out.size();
    const std::string line = r.out.substr(start, end - start);
    const std::vector<std::string> row = words(line);
    if (row.size() >= 6 && row[1] == "cheat") {
      INFO(line);
      ++cheats;
      CHECK(row[4] == "ok");
      CHECK((row[2] == "wrong-output" || line.find("probe unavailable") != std::string::npos));
      const bool replayed = line.find("(replayed)") != std::string::npos;
      // The replay cheat, or one of the construct cheats the queues' requirements call for.
      bool construct = false;
      for (const char* kind : {"(parent-queue)", "(start-join-processes)", "(start-join-threads)", "(idle-thread)"})
        construct = construct || line.find(kind) != std::string::npos;
      CHECK((replayed || construct));
      REQUIRE(previous.size() >= 6);  // right after the reference it replays, or its other cheats
      CHECK(previous[0] == row[0]);
      CHECK(previous[1] == (replayed ? "reference" : "cheat"));
      CHECK(previous[3] == row[3]);
    }
    previous = row;
    start = end + 1;
  }
  CHECK(cheats >= 5);  // every queues exercise has a requirement, in Python at least
}

TEST_CASE("construct cheats build warning-free in C++, and exist in Python for every kind") {
  TempDir dir;
  const std::vector<ReplayChunk> chunks = replay_chunks("Process 0 running\nProcess 1 running\n", {{0, 5}, {18, 10}}, 20);
  for (ConstructCheat kind : {ConstructCheat::start_join_threads, ConstructCheat::start_join_processes,
                              ConstructCheat::idle_thread, ConstructCheat::unused_pool, ConstructCheat::parent_queue,
                              ConstructCheat::unused_lock}) {
    INFO(to_string(kind));
    CHECK_FALSE(construct_cheat_source("python", kind, chunks, 3).empty());
    const std::string source = construct_cheat_source("cpp", kind, chunks, 3);
    if (kind == ConstructCheat::idle_thread) {
      CHECK(source.empty());  // std::thread t(f()) does not compile for a void f
      continue;
    }
    const fs::path file = dir / (std::string(to_string(kind)) + ".cpp");
    write_file(file, source);
    CommandResult built = run_command("g++ -std=c++20 -Wall -Wextra -Werror -pthread -fsyntax-only " +
                                      shell_quote(file.string()));
    INFO(built.err << source);
    CHECK(built.exit_code == 0);
  }
}

TEST_CASE("check fails each construct cheat with the teaching sentence of its mistake, in Python and C++") {
  TempDir dir;
  struct Case {
    const char* exercise;
    std::string output;
    ConstructCheat kind;
    int workers;
    const char* python;  // the message the Python cheat must contain
    const char* cpp;     // and the C++ one (nullptr: no C++ form)
  };
  const Case cases[] = {
      {"threads/multiple-threads", "Task 0 running\nTask 1 running\nTask 2 running\n", ConstructCheat::start_join_threads, 3,
       "you joined each thread before starting the next, so they never ran at the same time: start them all, then join them all",
       "you joined each std::thread before starting the next, so they never ran at the same time: start them all, then "
       "join them all"},
      {"pools/multiple-processes", "Process 0 running\nProcess 1 running\nProcess 2 running\n",
       ConstructCheat::start_join_processes, 3,
       "you joined each process before starting the next, so they never ran at the same time: start them all, then join "
       "them all",
       "you waited for each child process before forking the next, so they never ran at the same time: fork them all, "
       "then wait for them all"},
      {"threads/print-numbers", "0\n1\n2\n3\n4\n", ConstructCheat::idle_thread, 1,
       "your lines were printed by the main thread before the thread started: pass the function itself, "
       "`target=replay`, not its result `replay()`",
       nullptr},
      {"pools/pool-square", "[1, 4, 9, 16]\n", ConstructCheat::unused_pool, 1,
       "gave 0 tasks to a pool; the exercise asks for 4", "gave 0 tasks to a pool; the exercise asks for 4"},
      {"locks/safe-counter", "Count safe: 5\n", ConstructCheat::unused_lock, 5,
       "acquired a lock 0 times; the exercise asks for 5", "acquired a lock 0 times; the exercise asks for 5"},
      {"queues/queue-sum", "12\n", ConstructCheat::parent_queue, 1,
       "the parent put the values on the queue and took them back itself: the child process must put() the result, and "
       "the parent get() it",
       "the parent wrote to the pipe and read its own bytes back: the child process must write the result, and the "
       "parent read it"},
  };
  for (const Case& c : cases) {
    for (const std::string language : {"python", "cpp"}) {
      const char* want = language == "python" ? c.python : c.cpp;
      if (!want) continue;
      INFO(c.exercise << " " << language);
      const std::string source =
          construct_cheat_source(language, c.kind, replay_chunks(c.output, {{0, 0}}, 0), c.workers);
      const fs::path file = dir / (std::string(to_string(c.kind)) + replay_cheat_extension(language));
      write_file(file, source);
      CommandResult r = run_exengine("check --json --exercise " + std::string(c.exercise) + " " + shell_quote(file.string()));
      INFO(r.out << r.err);
      auto results = nlohmann::json::parse(r.out);
      REQUIRE(results.size() == 1);
      CHECK(results[0]["stdout"] == c.output);
      const std::string message = results[0]["message"];
      if (message.find("probe unavailable") != std::string::npos) continue;  // nothing can catch it here
      CHECK(results[0]["verdict"] == "wrong-output");
      CHECK(message.find(want) != std::string::npos);
    }
  }
}
