// `exengine plugin new` and `exengine plugin check` on the real binary (issue 8): scaffolding and
// its refusals, a scaffolded plugin built against the SDK headers passing the check, a TOML-only
// plugin, a deliberately broken plugin whose every problem is one line of one report, and the
// libraries built for another ABI or whose registration throws.
#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "support/run_command.h"

using namespace exengine::test;
namespace fs = std::filesystem;

namespace {

const fs::path kSource = EXENGINE_SOURCE_DIR;
const fs::path kBuild = EXENGINE_BUILD_DIR;
const fs::path kFixtures = kSource / "tests" / "fixtures";

struct ReportLine {
  std::string status;  // ok, FAIL, --
  std::string check;
  std::string detail;
};

// "STATUS  CHECK  DETAIL" lines of a `plugin check` report (not the header or the summary).
std::vector<ReportLine> parse_report(const std::string& out) {
  std::vector<ReportLine> lines;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("plugin check: ", 0) == 0) continue;
    std::istringstream words(line);
    ReportLine r;
    words >> r.status >> r.check;
    std::getline(words, r.detail);
    r.detail.erase(0, r.detail.find_first_not_of(' '));
    lines.push_back(r);
  }
  return lines;
}

std::vector<std::string> details(const std::vector<ReportLine>& lines, const std::string& status,
                                 const std::string& check) {
  std::vector<std::string> out;
  for (const auto& l : lines)
    if (l.status == status && l.check == check) out.push_back(l.detail);
  return out;
}

// A copy of a fixture plugin folder, with the fixture library built for it (if any) placed inside,
// as an instructor's folder would hold it.
fs::path copy_fixture(const TempDir& tmp, const fs::path& fixture, const std::string& library = {}) {
  const fs::path dir = tmp / fixture.filename().string();
  fs::copy(fixture, dir, fs::copy_options::recursive);
  if (!library.empty()) fs::copy_file(kBuild / "tests" / ("lib" + library + ".so"), dir / ("lib" + library + ".so"));
  return dir;
}

}  // namespace

TEST_CASE("plugin new scaffolds a plugin folder and refuses bad names and existing folders") {
  TempDir tmp;
  CommandResult r = run_exengine("plugin new my-lesson2 --dir " + shell_quote(tmp.path().string()));
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  const fs::path dir = tmp / "my-lesson2";
  CHECK(r.out.rfind("created " + dir.string() + "/ (plugin 'my-lesson2', exercise 'my-lesson2/workers'", 0) == 0);
  for (const char* f : {"plugin.toml", "plugin.cc", "CMakeLists.txt", "meson.build", "README.md", "starter/workers.py",
                        "solutions/workers.py", "bad/workers.missing-worker.py", "bad/workers.no-threads.py"})
    CHECK(fs::is_regular_file(dir / f));
  CHECK_FALSE(fs::exists(dir / "plugin.toml.in"));
  const std::string manifest = read_file(dir / "plugin.toml");
  CHECK(manifest.find("name = \"my-lesson2\"") != std::string::npos);
  CHECK(manifest.find("id = \"my-lesson2/workers\"") != std::string::npos);
  CHECK(manifest.find("abi = 2  #") != std::string::npos);
  CHECK(manifest.find("{{") == std::string::npos);
  CHECK(read_file(dir / "plugin.cc").find("EXENGINE_PLUGIN(\"my-lesson2\", register_graders)") != std::string::npos);
  CHECK(read_file(dir / "CMakeLists.txt").find("find_package(exengine REQUIRED)") != std::string::npos);
  CHECK(read_file(dir / "meson.build").find("dependency('exengine')") != std::string::npos);

  // An existing folder is never overwritten.
  write_file(dir / "plugin.toml", "mine\n");
  r = run_exengine("plugin new my-lesson2 --dir " + shell_quote(tmp.path().string()));
  CHECK(r.exit_code == 2);
  CHECK(r.err == "exengine: error: " + dir.string() +
                     " already exists; nothing was written (choose another name or --dir)\n");
  CHECK(read_file(dir / "plugin.toml") == "mine\n");

  r = run_exengine("plugin new My-Lesson --dir " + shell_quote(tmp.path().string()));
  CHECK(r.exit_code == 2);
  CHECK(r.err == "exengine: error: plugin name 'My-Lesson' must start with a lower-case letter (a-z)\n");
  r = run_exengine("plugin new my_lesson --dir " + shell_quote(tmp.path().string()));
  CHECK(r.exit_code == 2);
  CHECK(r.err == "exengine: error: plugin name 'my_lesson' may hold only a-z, 0-9 and '-' (e.g. my-lesson)\n");
  CHECK_FALSE(fs::exists(tmp / "My-Lesson"));
  CHECK_FALSE(fs::exists(tmp / "my_lesson"));
}

TEST_CASE("a scaffolded plugin fails the check until it is built, then passes it") {
  TempDir tmp;
  REQUIRE(run_exengine("plugin new scaffolded --dir " + shell_quote(tmp.path().string())).exit_code == 0);
  const fs::path dir = tmp / "scaffolded";
  CommandResult r = run_exengine("--color never plugin check " + shell_quote(dir.string()));
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  auto lines = parse_report(r.out);
  CHECK(details(lines, "FAIL", "library") ==
        std::vector<std::string>{dir.string() + "/plugin.toml:12:11: plugin 'scaffolded': library libscaffolded.so not found in " +
                                 dir.string() + " (build the plugin, or remove `library` for a TOML-only plugin)"});
  CHECK(details(lines, "--", "grader") ==
        std::vector<std::string>{"scaffolded/workers: grader 'all-workers' not checked: the plugin's library did not load"});

  // Built against the SDK headers alone, as the scaffold's build files do.
  CommandResult cc = run_command("c++ -std=c++20 -fvisibility=hidden -shared -fPIC -I" +
                                 shell_quote((kSource / "engine" / "include").string()) + " " +
                                 shell_quote((dir / "plugin.cc").string()) + " -o " +
                                 shell_quote((dir / "libscaffolded.so").string()) + " 2>&1");
  INFO(cc.out);
  REQUIRE(cc.exit_code == 0);
  r = run_exengine("--color never plugin check " + shell_quote(dir.string()));
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  lines = parse_report(r.out);
  CHECK(details(lines, "ok", "library") ==
        std::vector<std::string>{dir.string() + "/libscaffolded.so (ABI 2): graders all-workers"});
  CHECK(details(lines, "ok", "known-bad") ==
        std::vector<std::string>{"scaffolded/workers (python): bad/workers.missing-worker.py: wrong-output, as declared",
                                 "scaffolded/workers (python): bad/workers.no-threads.py: wrong-output, as declared"});
  CHECK(r.out.find("\nplugin check: scaffolded: 8 of 8 checks ok\n") != std::string::npos);

  // The custom grader's message reaches the learner.
  write_file(tmp / "twice.py", "for n in (0, 1, 1, 2):\n    print(f'worker {n} done')\n");
  r = run_exengine("--plugins " + shell_quote(dir.string()) + " check --json -e scaffolded/workers " +
                   shell_quote((tmp / "twice.py").string()));
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("\"message\": \"worker 1 reported 2 times\"") != std::string::npos);
}

TEST_CASE("a TOML-only plugin passes plugin check and grades with built-in graders") {
  const fs::path dir = kFixtures / "plugin-check" / "toml-only";
  CommandResult r = run_exengine("--color never plugin check " + shell_quote(dir.string()));
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  auto lines = parse_report(r.out);
  CHECK(details(lines, "ok", "library") == std::vector<std::string>{"none: a TOML-only plugin (built-in graders, and other plugins' as plugin:name)"});
  CHECK(details(lines, "ok", "reference").size() == 1);
  CHECK(details(lines, "ok", "known-bad").size() == 2);
  CHECK(r.out.find("FAIL") == std::string::npos);

  r = run_exengine("--plugins " + shell_quote(dir.string()) + " check --json -e toml-only/two-workers " +
                   shell_quote((dir / "bad" / "two-workers.one-missing.py").string()));
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("\"verdict\": \"wrong-output\"") != std::string::npos);
  r = run_exengine("--plugins " + shell_quote(dir.string()) + " check -e toml-only/two-workers " +
                   shell_quote((dir / "solutions" / "two-workers.py").string()));
  CHECK(r.exit_code == 0);
}

TEST_CASE("plugin check of a TOML-only plugin loads the plugin its \"threads:quiz\" grader comes from") {
  const fs::path dir = kFixtures / "plugin-check" / "cross-quiz";
  CommandResult r = run_exengine("--color never plugin check " + shell_quote(dir.string()));
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  auto lines = parse_report(r.out);
  CHECK(details(lines, "ok", "grader") == std::vector<std::string>{"cross-quiz/quiz: threads:quiz (from plugin 'threads')"});
  CHECK(details(lines, "ok", "reference").size() == 1);
  CHECK(details(lines, "ok", "known-bad").size() == 1);
  CHECK(r.out.find("FAIL") == std::string::npos);
  // Without the threads plugin, the reference is one line naming what is missing, not a pass.
  r = run_exengine("--no-default-plugins --color never plugin check " + shell_quote(dir.string()));
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK(details(parse_report(r.out), "ok", "grader").empty());
}

TEST_CASE("plugin check reports every problem of a broken plugin in one report") {
  TempDir tmp;
  const fs::path dir = copy_fixture(tmp, kFixtures / "plugin-check" / "broken", "fixture_broken");
  CommandResult r = run_exengine("--color never plugin check " + shell_quote(dir.string()));
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  const auto lines = parse_report(r.out);
  const std::string toml = dir.string() + "/plugin.toml";
  CHECK(details(lines, "FAIL", "library") ==
        std::vector<std::string>{"plugin 'broken': " + dir.string() + "/libfixture_broken.so calls itself 'brokn' in "
                                 "EXENGINE_PLUGIN (make it \"broken\", as plugin.toml's name)"});
  const auto graders = details(lines, "FAIL", "grader");
  REQUIRE(graders.size() == 2);
  CHECK(graders[0].rfind(toml + ":22:10: exercise 'broken/unknown': grader 'exactt': unknown grader 'exactt'; did you "
                                "mean 'exact'?", 0) == 0);
  CHECK(graders[1] == toml + ":28:38: exercise 'broken/bad-option': grader 'exact': unknown option 'expectd' (valid: expected)");
  CHECK(details(lines, "FAIL", "reference") ==
        std::vector<std::string>{"broken/throws (python): solutions/throws.py: the reference must pass but got "
                                 "internal-error — grader 'broken:explodes' threw: fixture grader exploded (a grader's "
                                 "grade() must not throw: return GradeOutcome::fail(...) for a wrong output)"});
  CHECK(details(lines, "FAIL", "known-bad") ==
        std::vector<std::string>{
            "broken/throws (python): bad/throws.wrong.py: expected wrong-output, got internal-error — grader "
            "'broken:explodes' threw: fixture grader exploded (a grader's grade() must not throw: return "
            "GradeOutcome::fail(...) for a wrong output)",
            "broken/lax (python): bad/lax.wrong.py: this known-bad solution passed (make the grader or the exercise's "
            "`requires` stricter, or fix the known-bad file)",
            "broken/declared (python): bad/declared.message.py: the message should contain 'a message the grader never "
            "gives' — line 1: expected 'done', got 'not done' (fix its `# expect:` / `# message:` lines, or the file)",
            "broken/declared (python): bad/declared.verdict.py: expected timeout, got wrong-output — line 1: expected "
            "'done', got 'not done' (fix its `# expect:` / `# message:` lines, or the file)"});
  CHECK(details(lines, "FAIL", "files") ==
        std::vector<std::string>{
            "broken/missing (python): no known-bad bad/missing.<tag>.py (every language an exercise declares needs all three)",
            "broken/missing (cpp): no starter starter/missing.cpp, no reference solutions/missing.cpp, no known-bad "
            "bad/missing.<tag>.cpp (every language an exercise declares needs all three)",
            "never run: solutions/orphan.py (no exercise 'broken/orphan')"});
  CHECK(details(lines, "--", "runs") ==
        std::vector<std::string>{"broken/unknown (python): solutions not run: the exercise has no grader",
                                 "broken/bad-option (python): solutions not run: the exercise has no grader"});
  // What works is still checked, and said to work.
  CHECK(details(lines, "ok", "reference").size() == 3);
  CHECK(r.out.find("\nplugin check: broken: 14 of 25 checks ok, 11 FAILED (2 not checked)\n") != std::string::npos);
}

TEST_CASE("a library built for another ABI, a manifest naming another ABI, a throwing registration: one line each") {
  TempDir tmp;
  struct Case {
    std::string fixture, library, check, line;
  };
  const std::vector<Case> cases = {
      {"wrong-abi", "fixture_wrong_abi", "library",
       "plugin 'wrong-abi': library libfixture_wrong_abi.so was built for ABI 999, this engine has ABI 2 (rebuild the "
       "plugin against this engine's SDK)"},
      {"manifest-abi", "", "abi",
       (tmp / "manifest-abi").string() + "/plugin.toml:5:7: plugin 'manifest-abi' declares abi = 1, this engine has ABI "
       "2 (rebuild the plugin against this engine's SDK and update `abi`)"},
      {"throwing-register", "fixture_throwing_register", "library",
       "plugin 'throwing-register': registering its graders threw: fixture registration failure"},
  };
  for (const Case& c : cases) {
    const fs::path dir = copy_fixture(tmp, kFixtures / "plugins" / c.fixture, c.library);
    CommandResult r = run_exengine("--color never plugin check " + shell_quote(dir.string()));
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    const auto lines = parse_report(r.out);
    CHECK(details(lines, "FAIL", c.check) == std::vector<std::string>{c.line});
    // The check goes on: the built-in grader and the files are still checked.
    CHECK(details(lines, "ok", "grader") == std::vector<std::string>{c.fixture + "/x: exact (built-in)"});
    CHECK(details(lines, "FAIL", "files").size() == 1);
  }
}
