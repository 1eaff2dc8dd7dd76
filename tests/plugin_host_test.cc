// Plugin loading with fixture plugins built for the tests (tests/fixtures/plugins/): a good
// library, one built for another ABI (library side and manifest side), one without the entry
// point, one never built, one whose registration throws, and a TOML-only one naming an unknown
// grader. Each broken plugin is one exact line; the others still load.
#include <catch2/catch.hpp>

#include <filesystem>

#include <fmt/format.h>

#include "core/paths.h"
#include "exengine/abi.h"
#include "exengine/plugin.h"
#include "plugin_host/catalog.h"

using namespace exengine;
namespace fs = std::filesystem;

namespace {

const fs::path kFixtures = fs::path(EXENGINE_SOURCE_DIR) / "tests" / "fixtures" / "plugins";

// Messages name files relative to the working directory when they lie below it; from the build
// folder the fixtures do not, so they are named by absolute path.
EnginePaths fixture_paths() {
  fs::current_path(EXENGINE_BUILD_DIR);
  EnginePaths paths;
  paths.plugin_dirs = {kFixtures};
  paths.library_dirs = {fs::path(EXENGINE_BUILD_DIR) / "tests"};
  return paths;
}

std::string problem_of(const Catalog& c, const std::string& plugin) {
  for (const auto& p : c.problems())
    if (p.plugin == plugin) return p.message;
  return "<no problem>";
}

}  // namespace

TEST_CASE("a good plugin loads, contributes graders, and grades") {
  Catalog c;
  c.load(fixture_paths());
  const LoadedPlugin* good = c.plugin("good");
  REQUIRE(good != nullptr);
  REQUIRE(good->library != nullptr);
  CHECK(good->grader_names == std::vector<std::string>{"contains", "throws-on-grade"});
  const Exercise* ex = c.exercise("good/contains");
  REQUIRE(ex != nullptr);
  const Grader* g = c.grader(*ex);
  REQUIRE(g != nullptr);
  GradeInput in;
  in.output = "well hello there\n";
  CHECK(g->grade(in).verdict == Verdict::passed);
  in.output = "goodbye\n";
  GradeOutcome out = g->grade(in);
  CHECK(out.verdict == Verdict::wrong_output);
  CHECK(out.message == "the output does not contain 'hello'");
  // A built-in grader named from a plugin manifest.
  const Exercise* builtin = c.exercise("good/builtin");
  REQUIRE(builtin != nullptr);
  REQUIRE(c.grader(*builtin) != nullptr);
}

TEST_CASE("a grader that throws while grading becomes internal-error, naming plugin and grader") {
  Catalog c;
  c.load(fixture_paths());
  const Exercise* ex = c.exercise("good/throws");
  REQUIRE(ex != nullptr);
  const Grader* g = c.grader(*ex);
  REQUIRE(g != nullptr);
  GradeInput in;
  GradeOutcome out = g->grade(in);
  CHECK(out.verdict == Verdict::internal_error);
  CHECK(out.message.find("fixture grader failure") != std::string::npos);
  CHECK(out.message.find("good:throws-on-grade") != std::string::npos);
}

TEST_CASE("broken plugins are reported in one line each and skipped") {
  Catalog c;
  c.load(fixture_paths());
  CHECK(c.plugin("wrong-abi") == nullptr);
  CHECK(c.plugin("manifest-abi") == nullptr);
  CHECK(c.plugin("missing-symbol") == nullptr);
  CHECK(c.plugin("missing-library") == nullptr);
  CHECK(c.plugin("throwing-register") == nullptr);
  CHECK(c.plugin("wrong-stdlib") == nullptr);
  CHECK(c.plugin("wrong-size") == nullptr);
  CHECK(c.plugin("good") != nullptr);  // the others still load

  CHECK(problem_of(c, "wrong-abi") ==
        "plugin 'wrong-abi': library libfixture_wrong_abi.so was built for ABI 999, this engine has ABI 2 "
        "(rebuild the plugin against this engine's SDK)");
  CHECK(problem_of(c, "manifest-abi") ==
        kFixtures.string() + "/manifest-abi/plugin.toml:5:7: plugin 'manifest-abi' declares abi = 1, this engine has "
        "ABI 2 (rebuild the plugin against this engine's SDK and update `abi`)");
  CHECK(problem_of(c, "missing-symbol").find("does not export 'exengine_plugin_entry' (define it with EXENGINE_PLUGIN "
                                             "from <exengine/plugin.h>)") != std::string::npos);
  CHECK(problem_of(c, "missing-library") ==
        kFixtures.string() + "/missing-library/plugin.toml:6:11: plugin 'missing-library': library "
        "libfixture_never_built.so not found in " + kFixtures.string() + "/missing-library (build the plugin, or "
        "remove `library` for a TOML-only plugin)");
  CHECK(problem_of(c, "throwing-register") ==
        "plugin 'throwing-register': registering its graders threw: fixture registration failure");
  CHECK(problem_of(c, "wrong-stdlib") ==
        "plugin 'wrong-stdlib': library libfixture_wrong_stdlib.so was built with libc++, clang 16, this engine needs " +
            std::string(kStdlib) + " (rebuild the plugin with the engine's compiler and C++ library)");
  CHECK(problem_of(c, "wrong-size") ==
        fmt::format("plugin 'wrong-size': library libfixture_wrong_size.so has a plugin descriptor of {} bytes, this "
                    "engine's has {} (rebuild the plugin against this engine's SDK)",
                    sizeof(ExenginePluginDescriptor) + sizeof(void*), sizeof(ExenginePluginDescriptor)));
  for (const auto& p : c.problems()) CHECK(p.message.find('\n') == std::string::npos);
}

TEST_CASE("a TOML-only plugin loads; an exercise naming an unknown grader is reported, the rest work") {
  Catalog c;
  c.load(fixture_paths());
  const LoadedPlugin* p = c.plugin("bad-grader");
  REQUIRE(p != nullptr);
  CHECK(p->library == nullptr);
  const Exercise* unknown = c.exercise("bad-grader/unknown");
  REQUIRE(unknown != nullptr);
  CHECK(c.grader(*unknown) == nullptr);
  const std::string msg = problem_of(c, "bad-grader");
  CHECK(msg.rfind(kFixtures.string() + "/bad-grader/plugin.toml:11:", 0) == 0);
  CHECK(msg.find("exercise 'bad-grader/unknown': grader 'exactt': unknown grader 'exactt'") != std::string::npos);
  CHECK(msg.find("did you mean 'exact'?") != std::string::npos);
  const Exercise* ok = c.exercise("bad-grader/ok");
  REQUIRE(ok != nullptr);
  CHECK(c.grader(*ok) != nullptr);
}

TEST_CASE("the library stays loaded while a grader it made is alive") {
  std::unique_ptr<Catalog> c = std::make_unique<Catalog>();
  c->load(fixture_paths());
  const LoadedPlugin* good = c->plugin("good");
  REQUIRE(good != nullptr);
  std::weak_ptr<PluginLibrary> lib = good->library;
  CHECK_FALSE(lib.expired());
  c.reset();
  CHECK(lib.expired());  // graders destroyed first, then the library unloaded
}

TEST_CASE("a grader from another plugin resolves whichever plugin loads first") {
  const fs::path uses = fs::path(EXENGINE_SOURCE_DIR) / "tests" / "fixtures" / "cross-plugin" / "uses-good";
  const fs::path good = kFixtures / "good";
  for (const auto& order : {std::vector<fs::path>{uses, good}, std::vector<fs::path>{good, uses}}) {
    INFO("load order: " << order[0].filename() << ", " << order[1].filename());
    EnginePaths paths = fixture_paths();
    paths.plugin_dirs = order;
    Catalog c;
    c.load(paths);
    CHECK(problem_of(c, "uses-good") == "<no problem>");
    const Exercise* ex = c.exercise("uses-good/hello");
    REQUIRE(ex != nullptr);
    const Grader* g = c.grader(*ex);
    REQUIRE(g != nullptr);
    GradeInput in;
    in.output = "hello\n";
    CHECK(g->grade(in).verdict == Verdict::passed);
    in.output = "bye\n";
    CHECK(g->grade(in).message == "the output does not contain 'hello'");
  }
}
