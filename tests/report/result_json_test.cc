#include <csignal>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "report/result_json.h"
#include "core/utf8_escape.h"

using namespace exengine;
using nlohmann::json;

namespace {

ExerciseResult sample() {
  ExerciseResult r;
  r.exercise = "threads/simple-thread";
  r.language = "python";
  r.file = "alice/threads/simple-thread.py";
  r.student = "alice";
  r.verdict = Verdict::runtime_error;
  r.score = 0;
  r.max_score = 10;
  r.message = "the program was killed by SIGSEGV";
  r.diff = "-Thread: 0\n+\n";
  r.exit_code = -1;
  r.signal = SIGSEGV;
  r.wall_ms = 12.34;
  r.cpu_ms = 5.06;
  r.peak_rss_kb = 9000;
  r.stdout_text = "Thread: 0\n";
  r.stderr_text = "Segmentation fault\n";
  r.probe_json = R"({"threads_started":1})";
  TrialResult t;
  t.verdict = Verdict::runtime_error;
  t.message = r.message;
  t.signal = SIGSEGV;
  t.wall_ms = 12.3;
  t.stdout_text = r.stdout_text;
  t.seed = 18446744073709551615ULL;
  r.trials.push_back(t);
  r.trials_passed = 0;
  r.tier = "B";
  r.compiled = false;
  r.cache_hit = false;
  return r;
}

}  // namespace

TEST_CASE("result JSON carries every field under its documented name") {
  json j = result_to_json(sample());
  CHECK(j["exercise"] == "threads/simple-thread");
  CHECK(j["language"] == "python");
  CHECK(j["file"] == "alice/threads/simple-thread.py");
  CHECK(j["student"] == "alice");
  CHECK(j["verdict"] == "runtime-error");
  CHECK(j["score"] == 0);
  CHECK(j["max_score"] == 10);
  CHECK(j["message"] == "the program was killed by SIGSEGV");
  CHECK(j["diff"] == "-Thread: 0\n+\n");
  CHECK(j["wall_ms"] == 12.3);
  CHECK(j["cpu_ms"] == 5.1);
  CHECK(j["peak_rss_kb"] == 9000);
  CHECK(j["exit_code"].is_null());
  CHECK(j["signal"] == "SIGSEGV");
  CHECK(j["stdout"] == "Thread: 0\n");
  CHECK(j["stderr"] == "Segmentation fault\n");
  CHECK(j["probe"]["threads_started"] == 1);
  REQUIRE(j["trials"].size() == 1);
  CHECK(j["trials"][0]["verdict"] == "runtime-error");
  CHECK(j["trials"][0]["signal"] == "SIGSEGV");
  CHECK(j["trials"][0]["seed"] == 18446744073709551615ULL);
  CHECK(j["trials_passed"] == 0);
  CHECK(j["tier"] == "B");
  CHECK(j["compiled"] == false);
  CHECK(j["cache_hit"] == false);
  CHECK(j["isolation"]["full"] == false);  // nothing recorded
  CHECK(j["isolation"]["cgroup"].is_null());
  CHECK(j["isolation"]["summary"] == "unknown — reduced: not recorded");
  CHECK(j.size() == 23);
}

TEST_CASE("result JSON records the isolation a result got, and tier A without cgroups is not full") {
  ExerciseResult r = sample();
  r.tier = "A";
  r.isolation.namespaces = {"mount", "pid", "net", "ipc", "uts", "cgroup", "user"};
  r.isolation.cgroup = "v2";
  r.isolation.controllers = {"memory", "pids", "cpu"};
  r.isolation.rlimits = {"cpu", "core", "fsize", "nofile", "msgqueue"};
  json j = result_to_json(r);
  CHECK(j["isolation"]["full"] == true);
  CHECK(j["isolation"]["cgroup"] == "v2");
  CHECK(j["isolation"]["controllers"] == json({"memory", "pids", "cpu"}));
  CHECK(j["isolation"]["summary"] ==
        "namespaces mount, pid, net, ipc, uts, cgroup, user; cgroup v2 (memory, pids, cpu); rlimits cpu, core, "
        "fsize, nofile, msgqueue");
  const ExerciseResult back = result_from_json(j);
  CHECK(back.isolation.namespaces == r.isolation.namespaces);
  CHECK(back.isolation.cgroup == "v2");
  CHECK(back.isolation.controllers == r.isolation.controllers);
  CHECK(back.isolation.rlimits == r.isolation.rlimits);

  // Tier A without a cgroup: namespaces, but the memory and process limits are rlimits only.
  r.isolation.cgroup.clear();
  r.isolation.controllers.clear();
  CHECK_FALSE(r.isolation.full());
  CHECK(r.isolation.shortfall() == "no cgroup memory and pids limits (rlimits only)");
  // A cgroup with the pids controller only.
  r.isolation.cgroup = "v2";
  r.isolation.controllers = {"pids", "cpu"};
  CHECK(r.isolation.shortfall() == "no cgroup memory limit (rlimits only)");
  // Tier B.
  r.isolation = Isolation{};
  r.isolation.rlimits = {"cpu", "as", "nproc"};
  CHECK(r.isolation.shortfall() == "no namespaces; no cgroup memory and pids limits (rlimits only)");
  CHECK(result_to_json(r)["isolation"]["summary"] ==
        "no namespaces; no cgroup; rlimits cpu, as, nproc — reduced: no namespaces; no cgroup memory and pids "
        "limits (rlimits only)");
  j["isolation"]["rlimits"] = "cpu";
  CHECK_THROWS_WITH(result_from_json(j), "result JSON: field 'rlimits' must be an array of strings");
}

TEST_CASE("result JSON: an assignment's fields are written only when set, and read back") {
  ExerciseResult r = sample();
  r.visibility = "after_due_date";
  r.due = "2030-01-01T00:00:00Z";
  r.late_days = 2;
  r.late_penalty = 1.5;
  r.unmatched = {"notes.txt", "threads/multiple_threads.py"};
  r.source_hash = std::string(64, 'a');
  json j = result_to_json(r);
  CHECK(j.size() == 29);  // every field of a result, the assignment's four and the source hash included
  CHECK(j["visibility"] == "after_due_date");
  CHECK(j["late_penalty"] == 1.5);
  CHECK(j["unmatched"] == json::parse(R"(["notes.txt", "threads/multiple_threads.py"])"));
  const ExerciseResult back = result_from_json(j);
  CHECK(back.visibility == r.visibility);
  CHECK(back.due == r.due);
  CHECK(back.late_days == 2);
  CHECK(back.late_penalty == 1.5);
  CHECK(back.unmatched == r.unmatched);
  CHECK(back.source_hash == r.source_hash);
  j["unmatched"] = json::parse("[1]");
  CHECK_THROWS_WITH(result_from_json(j), "result JSON: field 'unmatched' must be an array of strings");
}

TEST_CASE("a normal exit has an exit code and a null signal") {
  ExerciseResult r = sample();
  r.signal = 0;
  r.exit_code = 3;
  json j = result_to_json(r);
  CHECK(j["exit_code"] == 3);
  CHECK(j["signal"].is_null());
}

TEST_CASE("result JSON reads back what it wrote") {
  ExerciseResult r = sample();
  r.wall_ms = 12.3;
  r.cpu_ms = 5.1;
  ExerciseResult back = result_from_json(json::parse(result_to_json(r).dump()));
  CHECK(back.exercise == r.exercise);
  CHECK(back.student == r.student);
  CHECK(back.verdict == r.verdict);
  CHECK(back.max_score == 10);
  CHECK(back.signal == SIGSEGV);
  CHECK(back.exit_code == -1);
  CHECK(back.wall_ms == 12.3);
  CHECK(back.stdout_text == r.stdout_text);
  CHECK(back.probe_json == r.probe_json);
  REQUIRE(back.trials.size() == 1);
  CHECK(back.trials[0].seed == 18446744073709551615ULL);
  CHECK(back.trials[0].signal == SIGSEGV);
  CHECK(back.tier == "B");
  // The canonical form is a fixed point.
  CHECK(result_to_json(back) == result_to_json(r));
}

TEST_CASE("binary program output never makes the JSON undumpable") {
  ExerciseResult r = sample();
  r.stdout_text = std::string("ok \xff\xfe\x00 \xc3(", 9) + "\xe2\x82";  // invalid bytes, a NUL, a cut sequence
  r.stderr_text = "\x80";
  r.trials[0].stdout_text = "\xc0\xaf";  // overlong '/'
  r.probe_json = "{not json \xff";
  json j = result_to_json(r);
  std::string dumped;
  REQUIRE_NOTHROW(dumped = j.dump());
  CHECK(j["stdout"] == std::string("ok \\xFF\\xFE", 11) + std::string(1, '\0') + " \\xC3(\\xE2\\x82");
  CHECK(j["stderr"] == "\\x80");
  CHECK(j["trials"][0]["stdout"] == "\\xC0\\xAF");
  CHECK(j["probe"] == "{not json \\xFF");
  ExerciseResult back = result_from_json(json::parse(dumped));
  CHECK(back.stderr_text == "\\x80");
  CHECK(result_roundtrip(back).stdout_text == back.stdout_text);
}

TEST_CASE("stored output is capped without cutting a character in half") {
  ExerciseResult r = sample();
  r.stdout_text = std::string(kStoredOutputCap - 1, 'a') + "\xc3\xa9" + "tail";
  json j = result_to_json(r);
  CHECK(j["stdout"].get<std::string>() == std::string(kStoredOutputCap - 1, 'a'));
}

TEST_CASE("malformed result JSON is rejected naming the field") {
  json j = result_to_json(sample());
  j["verdict"] = "fine";
  CHECK_THROWS_WITH(result_from_json(j),
                    "result JSON: unknown verdict 'fine' (valid: passed, wrong-output, timeout, "
                    "runtime-error, memory-limit, output-limit, compile-error, missing, internal-error)");
  j = result_to_json(sample());
  j["score"] = "ten";
  CHECK_THROWS_WITH(result_from_json(j), "result JSON: field 'score' must be a number");
  j = result_to_json(sample());
  j["signal"] = "SIGNOPE";
  CHECK_THROWS_WITH(result_from_json(j), "result JSON: field 'signal' must be a signal name like \"SIGSEGV\"");
  j = result_to_json(sample());
  j.erase("exercise");
  CHECK_THROWS_WITH(result_from_json(j), "result JSON: field 'exercise' must be a non-empty string");
  CHECK_THROWS_WITH(result_from_json(json::array()), "result JSON: a result must be an object");
}

TEST_CASE("signal names") {
  CHECK(signal_name(SIGSEGV) == "SIGSEGV");
  CHECK(signal_name(SIGKILL) == "SIGKILL");
  CHECK(signal_name(0).empty());
  CHECK(signal_name(42) == "SIG42");
  CHECK(signal_number("SIG42") == 42);
  CHECK(signal_number("SIGXCPU") == SIGXCPU);
  CHECK(signal_number("SEGV") == 0);
}

TEST_CASE("UTF-8 validation and escaping") {
  CHECK(is_valid_utf8("h\xc3\xa9llo \xf0\x9f\x98\x80"));
  CHECK_FALSE(is_valid_utf8("\xed\xa0\x80"));  // a surrogate
  CHECK_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // above U+10FFFF
  CHECK(escape_invalid_utf8("a\xed\xa0\x80z") == "a\\xED\\xA0\\x80z");
  CHECK(escape_invalid_utf8("h\xc3\xa9") == "h\xc3\xa9");
  CHECK(utf8_prefix("ab\xe2\x82\xac", 4) == "ab");
  CHECK(utf8_prefix("ab\xe2\x82\xac", 5) == "ab\xe2\x82\xac");
  CHECK(utf8_prefix("abcd", 2) == "ab");
}
