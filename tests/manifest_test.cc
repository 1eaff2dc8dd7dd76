// Manifest parser: a good file read back field by field, and each kind of error with its exact
// one-line message (file:line:column first).
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "manifest/manifest.h"
#include "core/suggest.h"

using namespace exengine;

namespace {

const std::filesystem::path kFixtures = std::filesystem::path(EXENGINE_SOURCE_DIR) / "tests/fixtures/manifests";
const std::string kFile = "plugins/threads/plugin.toml";

// Lines 1-5.
const std::string kPlugin =
    "[plugin]\n"
    "name = \"threads\"\n"
    "title = \"Threads\"\n"
    "version = \"1.0.0\"\n"
    "abi = 2\n";
// Four lines without a grader (lines 6-9 after kPlugin).
const std::string kExerciseNoGrader =
    "[[exercise]]\n"
    "id = \"threads/x\"\n"
    "title = \"X\"\n"
    "prompt = \"Do X.\"\n";
// Five lines (lines 6-10 after kPlugin); what follows starts on line 11.
const std::string kExercise = kExerciseNoGrader + "grader = { name = \"exact\", expected = \"x\\n\" }\n";

Manifest parse(const std::string& text) { return parse_manifest_text(text, kFile); }

// The error's what(), or a note that there was none.
std::string error_of(const std::string& text) {
  try {
    parse(text);
  } catch (const ManifestError& e) {
    return e.what();
  }
  return "(no error)";
}

std::string with_exercise_key(const std::string& line) { return kPlugin + kExercise + line + "\n"; }

std::string with_id(const std::string& id) {
  return kPlugin + "[[exercise]]\nid = \"" + id +
         "\"\ntitle = \"X\"\nprompt = \"Do X.\"\ngrader = { name = \"exact\" }\n";
}

}  // namespace

TEST_CASE("a good manifest is read field by field", "[manifest]") {
  const auto path = kFixtures / "good.toml";
  const Manifest m = parse_manifest(path, "plugins/threads/plugin.toml");
  CHECK(m.path == path);
  CHECK(m.dir == kFixtures);
  CHECK(m.starters_dir() == kFixtures / "../../exercises/threads");

  const PluginInfo& p = m.plugin;
  CHECK(p.name == "threads");
  CHECK(p.title == "Threads");
  CHECK(p.version == "1.2.0");
  CHECK(p.abi == 2);
  CHECK(p.abi_pos.str() == "plugins/threads/plugin.toml:6:7");
  REQUIRE(p.library.has_value());
  CHECK(*p.library == "threads_plugin");
  CHECK(p.library_pos.str() == "plugins/threads/plugin.toml:7:11");
  CHECK(p.starters == "../../exercises/threads");
  CHECK(p.description == "Running functions at the same time with threading.Thread.");

  REQUIRE(m.exercises.size() == 2);
  const Exercise& a = m.exercises[0];
  CHECK(a.id == "threads/multiple-threads");
  CHECK(a.topic == "threads");
  CHECK(a.name == "multiple-threads");
  CHECK(a.title == "Three threads");
  CHECK(a.prompt == "Start three threads that each print `Task i running`.\n");
  CHECK(a.source == "Example 3");
  CHECK(a.languages == std::vector<std::string>{"python", "cpp"});
  CHECK(a.points == 12.5);
  REQUIRE(a.timeout_s.has_value());
  CHECK(*a.timeout_s == 2.5);
  CHECK(a.hints == std::vector<std::string>{"Use a loop.", "Join every thread."});
  CHECK(a.trials == 20);
  CHECK(a.stress);
  CHECK(a.race);
  CHECK(a.pos.str() == "plugins/threads/plugin.toml:11:1");

  CHECK(a.grader.name == "interleave");
  CHECK(a.grader.pos.str() == "plugins/threads/plugin.toml:22:10");
  CHECK(a.grader.options.get_strings("lines") == std::vector<std::string>{"Task 0 running", "Task 1 running"});
  CHECK(a.grader.options.get_string("after") == "Done");
  CHECK_FALSE(a.grader.options.has("name"));
  REQUIRE(a.grader.options.root().as_table().size() == 2);
  CHECK(a.grader.options.root().as_table()[0].first == "lines");

  REQUIRE(a.requires_.size() == 4);
  CHECK(a.requires_[0].counter == "threads_started");
  CHECK(a.requires_[0].op == ">=");
  CHECK(a.requires_[0].value == 3);
  CHECK(a.requires_[0].pos.str() == "plugins/threads/plugin.toml:26:14");
  CHECK(a.requires_[1].counter == "max_concurrent_threads");
  CHECK(a.requires_[1].op == "<");
  CHECK(a.requires_[1].value == 2);
  CHECK(a.requires_[2].counter == "pool_used");
  CHECK(a.requires_[2].op == "==");
  CHECK(a.requires_[2].value == 0);
  CHECK(a.requires_[3].counter == "lock_used");
  CHECK(a.requires_[3].value == 1);

  CHECK(a.limits.wall_s == 4.0);
  CHECK(a.limits.cpu_s == 1.5);
  CHECK(a.limits.memory_mb == 256);
  CHECK(a.limits.processes == 32);
  CHECK(a.limits.output_bytes == 64 * 1024);
  CHECK(a.limits.file_size_kb == 0);
  CHECK(a.limits.open_files == 20);

  const Exercise& q = m.exercises[1];
  CHECK(q.id == "threads/quiz");
  CHECK(q.pos.str() == "plugins/threads/plugin.toml:37:1");
  CHECK(q.grader.name == "threads:quiz");
  CHECK(q.grader.pos.str() == "plugins/threads/plugin.toml:42:1");
  const Table& opts = q.grader.options.root().as_table();
  REQUIRE(opts.size() == 3);  // in the file's order, not alphabetical
  CHECK(opts[0].first == "weights");
  CHECK(opts[1].first == "answers");
  CHECK(opts[2].first == "strict");
  const Array& weights = opts[0].second.as_array();
  REQUIRE(weights.size() == 2);
  CHECK(weights[0].is_int());
  CHECK(weights[0].as_int() == 1);
  CHECK_FALSE(weights[1].is_int());
  CHECK(weights[1].as_number() == 2.5);
  const Value& answers = opts[1].second;
  CHECK(answers.line() == 45);
  CHECK(answers.column() == 11);
  REQUIRE(answers.as_table().size() == 2);
  CHECK(answers.as_table()[0].first == "q2");
  CHECK(answers.as_table()[1].first == "q1");
  CHECK(answers.find("q1")->as_string() == "b");
  CHECK(q.grader.options.get_bool("strict", false));

  CHECK(m.find("threads/quiz") == &m.exercises[1]);
  CHECK(m.find("threads/nope") == nullptr);
}

TEST_CASE("optional keys take their documented defaults", "[manifest]") {
  const Manifest m = parse(kPlugin + kExercise);
  CHECK_FALSE(m.plugin.library.has_value());
  CHECK(m.plugin.starters == "starter");
  CHECK(m.plugin.description.empty());
  REQUIRE(m.exercises.size() == 1);
  const Exercise& x = m.exercises[0];
  CHECK(x.languages == std::vector<std::string>{"python"});
  CHECK(x.points == 10);
  CHECK_FALSE(x.timeout_s.has_value());
  CHECK(x.trials == 1);
  CHECK_FALSE(x.stress);
  CHECK_FALSE(x.race);
  CHECK(x.hints.empty());
  CHECK(x.source.empty());
  CHECK(x.requires_.empty());
  CHECK_FALSE(x.limits.wall_s.has_value());
  CHECK_FALSE(x.limits.output_bytes.has_value());
  CHECK(x.grader.options.get_string("expected") == "x\n");
  CHECK(m.path == std::filesystem::path(kFile));
}

TEST_CASE("requirements accept blanks around OP and N", "[manifest]") {
  const Manifest m = parse(with_exercise_key(R"(requires = { queue_puts = "  ==7 ", queue_gets = ">0" })"));
  const auto& r = m.exercises.at(0).requires_;
  REQUIRE(r.size() == 2);
  CHECK(r[0].op == "==");
  CHECK(r[0].value == 7);
  CHECK(r[1].op == ">");
  CHECK(r[1].value == 0);
}

TEST_CASE("TOML syntax errors name the position and TOML++'s description", "[manifest]") {
  std::string what;
  try {
    parse_manifest(kFixtures / "syntax_error.toml", "plugins/x/plugin.toml");
  } catch (const ManifestError& e) {
    what = e.what();
    CHECK(e.pos().line == 3);
    CHECK(e.pos().column == 7);
  }
  CHECK(what == "plugins/x/plugin.toml:3:7: TOML syntax error: Error while parsing key-value pair: expected '=', saw '\"'");
  CHECK(error_of(kPlugin + "abi = 2\n") ==
        kFile + ":6:7: TOML syntax error: Error while parsing key-value pair: cannot redefine existing integer 'abi'");
}

TEST_CASE("unknown keys are errors, with a suggestion when one is close", "[manifest]") {
  CHECK(error_of(with_exercise_key("timout = 3")) ==
        kFile + ":11:1: unknown key 'timout' in [[exercise]] (did you mean 'timeout'?)");
  CHECK(error_of(with_exercise_key("Title = \"Y\"")) ==
        kFile + ":11:1: unknown key 'Title' in [[exercise]] (did you mean 'title'?)");
  CHECK(error_of(kPlugin + "colour = \"red\"\n" + kExercise) ==
        kFile + ":6:1: unknown key 'colour' in [plugin] (valid: name, title, version, abi, library, starters, description)");
  CHECK(error_of(with_exercise_key("limits = { wall = 2, memroy_mb = 100 }")) ==
        kFile + ":11:22: unknown key 'memroy_mb' in [exercise.limits] (did you mean 'memory_mb'?)");
  CHECK(error_of("[plugins]\nname = \"threads\"\n") ==
        kFile + ":1:2: unknown key 'plugins' at the top level (did you mean 'plugin'?)");
  CHECK(error_of("colour = 1\n" + kPlugin + kExercise) ==
        kFile + ":1:1: unknown key 'colour' at the top level (valid: plugin, exercise)");
}

TEST_CASE("missing required keys point at their table", "[manifest]") {
  CHECK(error_of(kPlugin + "[[exercise]]\nid = \"threads/x\"\nprompt = \"Do X.\"\ngrader = { name = \"exact\" }\n") ==
        kFile + ":6:1: [[exercise]] is missing required key 'title'");
  CHECK(error_of("[plugin]\nname = \"threads\"\ntitle = \"Threads\"\nversion = \"1\"\n" + kExercise) ==
        kFile + ":1:1: [plugin] is missing required key 'abi'");
  CHECK(error_of(kPlugin + kExerciseNoGrader) == kFile + ":6:1: [[exercise]] is missing required key 'grader'");
  CHECK(error_of(kPlugin + kExerciseNoGrader + "[exercise.grader]\nexpected = \"x\"\n") ==
        kFile + ":10:1: [exercise.grader] is missing required key 'name'");
  CHECK(error_of(kPlugin + kExerciseNoGrader + "grader = { expected = \"x\" }\n") ==
        kFile + ":10:10: [exercise.grader] is missing required key 'name'");
}

TEST_CASE("values of the wrong type name what was expected and what was found", "[manifest]") {
  CHECK(error_of(with_exercise_key("points = \"ten\"")) == kFile + ":11:10: 'points' must be a number, not a string");
  CHECK(error_of(with_exercise_key("trials = 2.0")) == kFile + ":11:10: 'trials' must be an integer, not a float");
  CHECK(error_of(with_exercise_key("stress = \"yes\"")) == kFile + ":11:10: 'stress' must be a boolean, not a string");
  CHECK(error_of(with_exercise_key("requires = 3")) == kFile + ":11:12: 'requires' must be a table, not an integer");
  CHECK(error_of(with_exercise_key("languages = \"python\"")) ==
        kFile + ":11:13: 'languages' must be an array of strings, not a string");
  CHECK(error_of(with_exercise_key("hints = [\"a\", 2]")) ==
        kFile + ":11:15: 'hints' must be an array of strings, but holds an integer");
  CHECK(error_of(with_exercise_key("source = 1979-05-27")) == kFile + ":11:10: 'source' must be a string, not a date");
  CHECK(error_of(kPlugin + kExerciseNoGrader + "grader = \"exact\"\n") ==
        kFile + ":10:10: 'grader' must be a table, not a string");
  CHECK(error_of(kPlugin + kExerciseNoGrader + "grader = { name = 3 }\n") ==
        kFile + ":10:19: 'name' must be a string, not an integer");
  CHECK(error_of("[plugin]\nname = \"threads\"\ntitle = \"Threads\"\nversion = \"1\"\nabi = \"1\"\n" + kExercise) ==
        kFile + ":5:7: 'abi' must be an integer, not a string");
  CHECK(error_of("[[plugin]]\nname = \"threads\"\n") == kFile + ":1:1: 'plugin' must be a table ([plugin]), not an array");
  CHECK(error_of(kPlugin + "[exercise]\nid = \"threads/x\"\n") ==
        kFile + ":6:1: 'exercise' must be an array of tables ([[exercise]]), not a table");
  CHECK(error_of("exercise = [\"threads/x\"]\n" + kPlugin) ==
        kFile + ":1:13: 'exercise' must be an array of tables ([[exercise]]), but holds a string");
}

TEST_CASE("bad values name the valid ones", "[manifest]") {
  CHECK(error_of(with_exercise_key(R"(languages = ["python", "rust"])")) ==
        kFile + ":11:24: 'languages' has unknown language 'rust' (valid: python, cpp)");
  CHECK(error_of(with_exercise_key("languages = []")) ==
        kFile + ":11:13: 'languages' must not be empty (valid: python, cpp)");
  CHECK(error_of(with_exercise_key(R"(languages = ["cpp", "cpp"])")) == kFile + ":11:21: 'languages' lists 'cpp' twice");
  CHECK(error_of(with_exercise_key("trials = 0")) == kFile + ":11:10: 'trials' must be between 1 and 100, not 0");
  CHECK(error_of(with_exercise_key("trials = 101")) == kFile + ":11:10: 'trials' must be between 1 and 100, not 101");
  CHECK(error_of(with_exercise_key("timeout = 0")) ==
        kFile + ":11:11: 'timeout' must be more than 0 and at most 3600 (seconds), not 0");
  CHECK(error_of(with_exercise_key("timeout = nan")) ==
        kFile + ":11:11: 'timeout' must be more than 0 and at most 3600 (seconds), not nan");
  CHECK(error_of(with_exercise_key("points = -1")) == kFile + ":11:10: 'points' must be 0 or more, not -1");
  CHECK(error_of(with_exercise_key("points = inf")) == kFile + ":11:10: 'points' must be finite, not inf");
  CHECK(error_of(kPlugin + "[[exercise]]\nid = \"threads/x\"\ntitle = \"\"\n") == kFile + ":8:9: 'title' must not be empty");
  CHECK(error_of(kPlugin + "library = \"build/threads\"\n" + kExercise) ==
        kFile + ":6:11: 'library' must be a base name without '/' (lib<library>.so is looked up), not 'build/threads'");
  CHECK(error_of(kPlugin + "starters = \"/tmp/x\"\n" + kExercise) ==
        kFile + ":6:12: 'starters' must be a folder relative to the plugin folder, not '/tmp/x'");
  CHECK(error_of("[plugin]\nname = \"Threads\"\n") == kFile + ":2:8: plugin name 'Threads' must be of [a-z0-9-]");
  CHECK(error_of("[plugin]\nname = \"threads\"\ntitle = \"Threads\"\nversion = \"1\"\nabi = 0\n" + kExercise) ==
        kFile + ":5:7: 'abi' must be between 1 and 2147483647, not 0");
}

TEST_CASE("exercise ids are topic/name under the plugin's name", "[manifest]") {
  CHECK(error_of(with_id("locks/x")) == kFile + ":7:6: exercise id 'locks/x' must start with 'threads/' (the plugin's name)");
  CHECK(error_of(with_id("simple-thread")) ==
        kFile + ":7:6: exercise id 'simple-thread' must start with 'threads/' (the plugin's name)");
  CHECK(error_of(with_id("threads/Bad Name")) ==
        kFile + ":7:6: exercise id 'threads/Bad Name' must be 'topic/name' with name of [a-z0-9-]");
  CHECK(error_of(with_id("threads/")) == kFile + ":7:6: exercise id 'threads/' must be 'topic/name' with name of [a-z0-9-]");
  CHECK(error_of(with_id("threads/a/b")) ==
        kFile + ":7:6: exercise id 'threads/a/b' must be 'topic/name' with name of [a-z0-9-]");
  CHECK(error_of(with_id("threads/simple-thread-2")) == "(no error)");
  CHECK(error_of(kPlugin + kExercise + kExercise) ==
        kFile + ":12:6: duplicate exercise id 'threads/x' (first at " + kFile + ":7:6)");
}

TEST_CASE("requirements are \"OP N\" on known counters, or booleans", "[manifest]") {
  const std::string expected = "'threads_started' must be \"OP N\" with OP one of >=, <=, ==, >, <";
  CHECK(error_of(with_exercise_key(R"(requires = { threads_started = "at least 3" })")) == kFile + ":11:32: " + expected);
  CHECK(error_of(with_exercise_key(R"(requires = { threads_started = "!= 3" })")) == kFile + ":11:32: " + expected);
  CHECK(error_of(with_exercise_key(R"(requires = { threads_started = ">= -1" })")) == kFile + ":11:32: " + expected);
  CHECK(error_of(with_exercise_key(R"(requires = { threads_started = ">= 3x" })")) == kFile + ":11:32: " + expected);
  CHECK(error_of(with_exercise_key(R"(requires = { threads_started = ">=" })")) == kFile + ":11:32: " + expected);
  CHECK(error_of(with_exercise_key(R"(requires = { threads_started = "== 99999999999999999999" })")) ==
        kFile + ":11:32: " + expected);
  CHECK(error_of(with_exercise_key("requires = { threads_started = 3 }")) ==
        kFile + ":11:32: " + expected + ", not an integer");
  CHECK(error_of(with_exercise_key(R"(requires = { pool_used = "yes" })")) ==
        kFile + ":11:26: 'pool_used' must be a boolean, not a string");
  CHECK(error_of(with_exercise_key(R"(requires = { thread_started = ">= 1" })")) ==
        kFile + ":11:14: 'requires' has unknown counter 'thread_started' (did you mean 'threads_started'?)");
  CHECK(error_of(with_exercise_key(R"(requires = { cpu = ">= 1" })")) ==
        kFile + ":11:14: 'requires' has unknown counter 'cpu' (valid: threads_started, max_concurrent_threads, "
                "max_unjoined_threads, idle_threads, daemon_threads, threads_joined, processes_started, "
                "max_unjoined_processes, pools_created, pool_tasks, locks_acquired, distinct_locks, "
                "lock_contention, queue_puts, queue_gets, child_queue_puts, parent_queue_gets, pool_used, "
                "queue_used, lock_used, pool_results_printed)");
}

TEST_CASE("limits must lie in their ranges", "[manifest]") {
  const std::string base = kPlugin + kExercise + "[exercise.limits]\n";  // keys from line 12
  CHECK(error_of(base + "memory_mb = -5\n") == kFile + ":12:13: 'memory_mb' must be between 1 and 1048576, not -5");
  CHECK(error_of(base + "output_kb = -1\n") == kFile + ":12:13: 'output_kb' must be between 0 and 1048576, not -1");
  CHECK(error_of(base + "processes = 0\n") == kFile + ":12:13: 'processes' must be between 1 and 100000, not 0");
  CHECK(error_of(base + "open_files = -1\n") == kFile + ":12:14: 'open_files' must be between 1 and 1048576, not -1");
  CHECK(error_of(base + "file_size_kb = -1\n") ==
        kFile + ":12:16: 'file_size_kb' must be between 0 and 1073741824, not -1");
  CHECK(error_of(base + "wall = -1\n") == kFile + ":12:8: 'wall' must be more than 0 and at most 3600 (seconds), not -1");
  CHECK(error_of(base + "cpu = 0.0\n") == kFile + ":12:7: 'cpu' must be more than 0 and at most 3600 (seconds), not 0");
  CHECK(error_of(base + "memory_mb = 1.5\n") == kFile + ":12:13: 'memory_mb' must be an integer, not a float");
  CHECK(error_of(kPlugin + kExercise + "limits = \"none\"\n") == kFile + ":11:10: 'limits' must be a table, not a string");
}

TEST_CASE("a file without [plugin] or without exercises is rejected", "[manifest]") {
  const std::string no_plugin =
      kFile + ":1:1: no [plugin] table: a plugin.toml needs [plugin] with name, title, version and abi";
  CHECK(error_of("") == no_plugin);
  CHECK(error_of(kExercise) == no_plugin);
  CHECK(error_of(kPlugin) == kFile + ":1:1: no [[exercise]] tables: a plugin needs at least one exercise");
  CHECK(error_of("exercise = []\n" + kPlugin) ==
        kFile + ":1:12: no [[exercise]] tables: a plugin needs at least one exercise");
}

TEST_CASE("unreadable files are one-line errors naming the file", "[manifest]") {
  std::string what;
  try {
    parse_manifest(kFixtures / "no-such-file.toml", "plugins/nope/plugin.toml");
  } catch (const ManifestError& e) {
    what = e.what();
    CHECK(e.pos().line == 0);
  }
  CHECK(what == "plugins/nope/plugin.toml: cannot read (No such file or directory)");
  try {
    parse_manifest(kFixtures, "plugins/dir");
    what = "(no error)";
  } catch (const ManifestError& e) {
    what = e.what();
  }
  CHECK(what == "plugins/dir: is a folder, not a file");
}

TEST_CASE("error messages stay on one line", "[manifest]") {
  const std::string what = error_of("\"a\\nb\" = 1\n" + kPlugin + kExercise);
  CHECK(what == kFile + ":1:1: unknown key 'a\\nb' at the top level (valid: plugin, exercise)");
  CHECK(what.find('\n') == std::string::npos);
  try {
    parse(with_exercise_key("timout = 3"));
    FAIL("no error");
  } catch (const ManifestError& e) {
    CHECK(e.message() == "unknown key 'timout' in [[exercise]] (did you mean 'timeout'?)");
    CHECK(e.pos().str() == kFile + ":11:1");
  }
  CHECK(SourcePos{"f.toml", 0, 0}.str() == "f.toml");
  CHECK(SourcePos{"f.toml", 4, 0}.str() == "f.toml:4");
}

TEST_CASE("suggestions are made only for small edit distances", "[manifest][suggest]") {
  CHECK(edit_distance("timout", "timeout") == 1);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("ab", "ba") == 1);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("same", "same") == 0);
  const std::vector<std::string> keys{"id", "title", "timeout", "trials"};
  CHECK(closest_match("timout", keys) == std::optional<std::string>("timeout"));
  CHECK(closest_match("TITLE", keys) == std::optional<std::string>("title"));
  CHECK(closest_match("trails", keys) == std::optional<std::string>("trials"));
  CHECK_FALSE(closest_match("x", keys).has_value());
  CHECK_FALSE(closest_match("colour", keys).has_value());
}

TEST_CASE("manifest_keys knows only the documented tables", "[manifest]") {
  CHECK(manifest_keys("plugin").size() == 7);
  CHECK(manifest_required_keys("exercise") == std::vector<std::string>{"id", "title", "prompt", "grader"});
  CHECK(manifest_keys("nonsense").empty());
}
