// Toolchains (issue 5): TOML layering and its exact errors, cache keys, the compile cache (hits,
// misses, eviction, concurrent builds with real g++ compiles of tiny files), compile-error
// diagnostics, a missing compiler, and a ThreadSanitizer race message from a real run.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/result.h"
#include "runner/process_runner.h"
#include "toolchain/compile_cache.h"
#include "toolchain/compile_diagnostics.h"
#include "toolchain/cpp_builder.h"
#include "toolchain/cpp_run.h"
#include "core/sha256.h"
#include "toolchain/toolchain_config.h"
#include "toolchain/toolchains.h"
#include "toolchain/tsan_report.h"

namespace fs = std::filesystem;
using namespace exengine;

namespace {

// A scratch folder the runs can see: not /tmp (tier A runs, compilers included, get a private
// one); inside the build tree, except as root, where runs switch to unprivileged uids that a
// build tree in /root would shut out: /var/cache then, like the engine's own compile cache.
struct Scratch {
  fs::path path;
  Scratch() {
    const fs::path base = ::geteuid() == 0 ? fs::path("/var/cache/exengine-tests") : fs::path(EXENGINE_BUILD_DIR) / "tests";
    fs::create_directories(base);
    ::chmod(base.c_str(), 0755);
    path = base / ("toolchain-scratch-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    fs::remove_all(path);
    fs::create_directories(path);
    ::chmod(path.c_str(), 0755);
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  static int& counter() {
    static int n = 0;
    return n;
  }
  fs::path write(const std::string& name, const std::string& text) const {
    const fs::path p = path / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    ::chmod(p.c_str(), 0644);
    return p;
  }
};

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const ToolchainError& e) {
    return e.what();
  }
  return "(no error)";
}

ProcessRunner& runner() {
  static std::unique_ptr<ProcessRunner> r = make_process_runner("auto");
  return *r;
}

// g++ without the precompiled header (the tests compile a handful of tiny files).
Toolchain quick_gxx() {
  Toolchain t = default_toolchain("cpp");
  t.precompiled_headers.clear();
  return t;
}

const char* const kHello = "#include <cstdio>\nint main() { std::puts(\"hello\"); }\n";

}  // namespace

TEST_CASE("sha256 matches the FIPS 180-4 examples") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(Sha256().field("ab").field("c").hex() != Sha256().field("a").field("bc").hex());
}

TEST_CASE("the engine's toolchains.toml states the built-in defaults") {
  ToolchainConfig from_file;
  from_file.add_file(fs::path(EXENGINE_SOURCE_DIR) / "engine/toolchains.toml");
  const ToolchainConfig builtin;
  CHECK(from_file.toolchain("cpp") == builtin.toolchain("cpp"));
  CHECK(from_file.toolchain("python") == builtin.toolchain("python"));
  CHECK(builtin.toolchain("cpp").compiler == "g++");
  CHECK(builtin.toolchain("cpp").flags == std::vector<std::string>{"-std=c++20", "-pthread", "-O2"});
  CHECK(builtin.languages() == std::vector<std::string>{"cpp", "python"});
}

TEST_CASE("toolchain layers override key by key") {
  ToolchainConfig c;
  c.add_text("[cpp]\ncompiler = \"clang++\"\n[cpp.compile_limits]\nwall = 5\n", "plugin.toml");
  c.add_setting("cpp.flags=[\"-std=c++17\", \"-O1\"]");
  c.add_setting("python.interpreter=/usr/bin/python3");
  const Toolchain& cpp = c.toolchain("cpp");
  CHECK(cpp.compiler == "clang++");
  CHECK(cpp.flags == std::vector<std::string>{"-std=c++17", "-O1"});
  CHECK(cpp.race_flags == default_toolchain("cpp").race_flags);  // untouched
  CHECK(cpp.compile_limits.wall_s == 5);
  CHECK(cpp.compile_limits.memory_mb == 1024);
  CHECK(c.toolchain("python").interpreter == "/usr/bin/python3");
  c.add_setting("cpp.compiler = g++");
  CHECK(c.toolchain("cpp").compiler == "g++");
  c.add_setting("cpp.precompiled_headers=[]");
  CHECK(c.toolchain("cpp").precompiled_headers.empty());
}

TEST_CASE("toolchain errors are one line and point at the input") {
  ToolchainConfig c;
  CHECK(error_of([&] { c.add_text("[cpp]\ncompilr = \"g++\"\n", "t.toml"); }) ==
        "t.toml:2:1: unknown key 'compilr' in [cpp] (did you mean 'compiler'?)");
  CHECK(error_of([&] { c.add_text("[cpp]\nflags = \"-O2\"\n", "t.toml"); }) ==
        "t.toml:2:9: 'flags' must be an array of strings, not a string");
  CHECK(error_of([&] { c.add_text("[rust]\ncompiler = \"rustc\"\n", "t.toml"); }) ==
        "t.toml:1:2: unknown key 'rust' (toolchains are tables: [cpp], [python]) (valid: cpp, python)");
  CHECK(error_of([&] { c.add_text("[cpp.compile_limits]\nwall = 0\n", "t.toml"); }) ==
        "t.toml:2:8: 'wall' must be positive");
  CHECK(error_of([&] { c.add_text("[cpp\n", "t.toml"); }).rfind("t.toml:1:5: TOML syntax error: ", 0) == 0);
  CHECK(error_of([&] { c.add_setting("compiler=clang++"); }) ==
        "--toolchain compiler=clang++: expected LANGUAGE.KEY=VALUE, e.g. cpp.compiler=clang++");
  CHECK(error_of([&] { c.add_setting("cpp.compilr=clang++"); }) ==
        "--toolchain cpp.compilr=clang++: unknown key 'compilr' in [cpp] (did you mean 'compiler'?)");
  CHECK(error_of([&] { c.add_setting("cpp.flags=-O1"); }) ==
        "--toolchain cpp.flags=-O1: 'flags' must be an array of strings, not a string");
  CHECK(error_of([&] { c.add_file("/nonexistent/toolchains.toml"); }) == "/nonexistent/toolchains.toml: no such file");
  CHECK(error_of([&] { (void)c.toolchain("rust"); }) == "no toolchain 'rust' (known: cpp, python)");
  // A failed layer leaves the config as it was.
  CHECK(c.toolchain("cpp") == default_toolchain("cpp"));
}

TEST_CASE("a plugin's toolchains.toml applies to its exercises only, under the command line") {
  Scratch s;
  s.write("plugin/toolchains.toml", "[cpp]\ncompiler = \"clang++\"\nflags = [\"-std=c++17\"]\n");
  EnginePaths paths;
  paths.data_dir = EXENGINE_SOURCE_DIR;
  ToolchainOptions o;
  o.settings = {"cpp.flags=[\"-std=c++20\", \"-O1\"]"};
  o.cache_dir = s.path / "cache";
  Toolchains t(paths, runner(), o);
  const Toolchain in_plugin = t.toolchain("cpp", s.path / "plugin");
  CHECK(in_plugin.compiler == "clang++");
  CHECK(in_plugin.flags == std::vector<std::string>{"-std=c++20", "-O1"});  // the command line wins
  const Toolchain elsewhere = t.toolchain("cpp", s.path / "other");
  CHECK(elsewhere.compiler == "g++");
  s.write("broken/toolchains.toml", "[cpp]\ncompiler = 3\n");
  CHECK(error_of([&] { (void)t.toolchain("cpp", s.path / "broken"); }) ==
        (s.path / "broken/toolchains.toml").string() + ":2:12: 'compiler' must be a string, not an integer");
}

TEST_CASE("cache keys change with every input of a build") {
  CompilerIdentity gxx{"/usr/bin/g++", "g++ 12", "digest-a", false, {}};
  CompilerIdentity other = gxx;
  other.digest = "digest-b";
  const std::vector<std::string> flags = {"-O2"};
  const std::string key = CppBuilder::binary_key(gxx, flags, "pch", "a.cpp", "int main() {}");
  CHECK(key.size() == 64);
  CHECK(key == CppBuilder::binary_key(gxx, flags, "pch", "a.cpp", "int main() {}"));
  CHECK(key != CppBuilder::binary_key(other, flags, "pch", "a.cpp", "int main() {}"));
  CHECK(key != CppBuilder::binary_key(gxx, {"-O1"}, "pch", "a.cpp", "int main() {}"));
  CHECK(key != CppBuilder::binary_key(gxx, flags, "", "a.cpp", "int main() {}"));
  CHECK(key != CppBuilder::binary_key(gxx, flags, "pch", "b.cpp", "int main() {}"));
  CHECK(key != CppBuilder::binary_key(gxx, flags, "pch", "a.cpp", "int main() { }"));
  Toolchain t = default_toolchain("cpp");
  CHECK(CppBuilder::build_flags(t, false) == std::vector<std::string>{"-std=c++20", "-pthread", "-O2"});
  CHECK(CppBuilder::build_flags(t, true) ==
        std::vector<std::string>{"-std=c++20", "-pthread", "-O2", "-fsanitize=thread", "-g", "-O1"});
}

TEST_CASE("the compile cache stores atomically and evicts the least recently used") {
  Scratch s;
  CompileCache cache(s.path / "cache", 1000);
  CHECK(cache.find("bin", "k1").empty());
  auto put = [&](const std::string& key, std::size_t bytes) {
    const fs::path tmp = cache.temp_path(key);
    std::ofstream(tmp, std::ios::binary) << std::string(bytes, 'x');
    return cache.insert("bin", key, tmp);
  };
  const fs::path e1 = put("k1", 400);
  CHECK(e1 == cache.dir() / "bin/k1");
  CHECK(cache.find("bin", "k1") == e1);
  CHECK(fs::is_empty(cache.dir() / "tmp"));
  // A second insert of the same key keeps the first entry.
  CHECK(put("k1", 10) == e1);
  CHECK(fs::file_size(e1) == 400);
  const fs::path e2 = put("k2", 400);
  CHECK(cache.size() == 800);
  // Age both; k1 then used more recently than k2; a third entry pushes past 1000 bytes.
  const auto old = fs::file_time_type::clock::now() - std::chrono::hours(2);
  fs::last_write_time(e1, old + std::chrono::minutes(1));
  fs::last_write_time(e2, old);
  put("k3", 400);
  CHECK(cache.find("bin", "k2").empty());
  CHECK(!cache.find("bin", "k1").empty());
  CHECK(!cache.find("bin", "k3").empty());
  CHECK(cache.size() == 800);
  // Old entries go first: k1 (aged) leaves, k3 (used in the last minute) stays.
  put("k4", 400);
  CHECK(cache.find("bin", "k1").empty());
  CHECK(!cache.find("bin", "k3").empty());
  CHECK(!cache.find("bin", "k4").empty());
  // The bound holds even when every entry is recent: the oldest recent one goes, the new one stays.
  put("k5", 400);
  CHECK(cache.size() == 800);
  CHECK(cache.find("bin", "k3").empty());
  CHECK(!cache.find("bin", "k5").empty());
  // One entry is capped (a run's output cannot fill the cache).
  CompileCache capped(s.path / "capped", 1000, 100);
  const fs::path big = capped.temp_path("big");
  std::ofstream(big, std::ios::binary) << std::string(101, 'x');
  CHECK_THROWS_WITH(capped.insert("bin", "big", big),
                    "cannot store " + (capped.dir() / "bin/big").string() +
                        " in the compile cache: 101 bytes, more than its 0 MiB per entry");
  CHECK_FALSE(fs::exists(big));
  CHECK(capped.find("bin", "big").empty());
}

TEST_CASE("the same source compiles once; another source or flag set compiles again") {
  Scratch s;
  CompileCache cache(s.path / "cache");
  CppBuilder builder(runner(), cache);
  const fs::path hello = s.write("src/hello.cpp", kHello);
  const BuildResult first = builder.build(quick_gxx(), hello, false);
  REQUIRE(first.ok);
  CHECK_FALSE(first.cache_hit);
  CHECK(first.program.parent_path() == cache.dir() / "bin");
  const BuildResult second = builder.build(quick_gxx(), hello, false);
  REQUIRE(second.ok);
  CHECK(second.cache_hit);
  CHECK(second.program == first.program);
  // The same bytes under another name, in another folder (another student): still one build...
  const fs::path copy = s.write("other/hello.cpp", kHello);
  CHECK(builder.build(quick_gxx(), copy, false).cache_hit);
  // ...but other flags are another build.
  Toolchain o1 = quick_gxx();
  o1.flags.back() = "-O1";
  const BuildResult other_flags = builder.build(o1, hello, false);
  REQUIRE(other_flags.ok);
  CHECK_FALSE(other_flags.cache_hit);
  CHECK(other_flags.program != first.program);
  // A second builder (another engine process) finds the entry on disk.
  CppBuilder again(runner(), cache);
  CHECK(again.build(quick_gxx(), hello, false).cache_hit);
}

TEST_CASE("concurrent builds of one source compile it once") {
  Scratch s;
  CompileCache cache(s.path / "cache");
  const fs::path src = s.write("src/count.cpp", "#include <cstdio>\nint main() { std::printf(\"%d\\n\", 42); }\n");
  std::vector<BuildResult> results(4);
  {
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < results.size(); ++i)
      threads.emplace_back([&, i] {
        CppBuilder builder(runner(), cache);  // one per thread, like separate engine processes
        results[i] = builder.build(quick_gxx(), src, false);
      });
    for (auto& t : threads) t.join();
  }
  int compiled = 0;
  for (const auto& r : results) {
    REQUIRE(r.ok);
    compiled += !r.cache_hit;
    CHECK(r.program == results[0].program);
  }
  CHECK(compiled == 1);
}

TEST_CASE("a syntax error is compile-error with the diagnostics, paths relative to the submission") {
  Scratch s;
  CompileCache cache(s.path / "cache");
  CppBuilder builder(runner(), cache);
  const fs::path bad = s.write("src/broken.cpp", "int main() {\n  int x = 1\n  return x;\n}\n");
  const BuildResult r = builder.build(quick_gxx(), bad, false);
  CHECK_FALSE(r.ok);
  CHECK(r.verdict == Verdict::compile_error);
  CHECK(r.message == "compilation failed: broken.cpp:3:3: error: expected ‘,’ or ‘;’ before ‘return’");
  CHECK(r.diagnostics.rfind("broken.cpp: In function ‘int main()’:\nbroken.cpp:3:3: error:", 0) == 0);
  CHECK(r.diagnostics.find(s.path.string()) == std::string::npos);
  CHECK(r.diagnostics.find("exengine-runs") == std::string::npos);
  CHECK(cache.find("bin", "x").empty());
  CHECK(fs::is_empty(cache.dir() / "bin"));  // failures are not cached

  const fs::path header = s.write("src/header.cpp", "#include <no_such_header.h>\nint main() {}\n");
  const BuildResult h = builder.build(quick_gxx(), header, false);
  CHECK(h.verdict == Verdict::compile_error);
  CHECK(h.message == "compilation failed: header.cpp:1:10: fatal error: no_such_header.h: No such file or directory");
}

TEST_CASE("a compile that never ends is stopped by its time limit") {
  Scratch s;
  CompileCache cache(s.path / "cache");
  CppBuilder builder(runner(), cache);
  Toolchain t = quick_gxx();
  t.compile_limits.wall_s = 2;
  // Constant evaluation of 4e10 steps (each loop under g++'s loop limit; the ops limit is 2^33):
  // minutes of CPU with no memory use that a memory limit could stop first (an #include of
  // /dev/zero hits 1 GiB within 2 s on a fast machine; a FIFO on the host is not in tier A's root).
  const fs::path endless = s.write("src/endless.cpp",
                                   "constexpr long spin() { long x = 0; for (long i = 0; i < 200000; ++i)\n"
                                   "  for (long j = 0; j < 200000; ++j) x += i ^ j; return x; }\n"
                                   "static_assert(spin() != 1);\nint main() {}\n");
  const BuildResult r = builder.build(t, endless, false);
  CHECK(r.verdict == Verdict::compile_error);
  CHECK(r.message ==
        "compilation took longer than 2 s and was stopped (an #include of a device, or templates that expand "
        "without end?)");
}

TEST_CASE("long diagnostics are cut to their first lines") {
  std::string many;
  for (int i = 1; i <= 30; ++i) many += "/run/dir/x.cpp:" + std::to_string(i) + ":1: error: e\n";
  const std::string out = trim_diagnostics(many, {"/run/dir/"}, 20);
  CHECK(out.rfind("x.cpp:1:1: error: e\n", 0) == 0);
  CHECK(out.find("x.cpp:20:1") != std::string::npos);
  CHECK(out.find("x.cpp:21:1") == std::string::npos);
  CHECK(out.substr(out.size() - 20) == "... (10 more lines)\n");
  CHECK(trim_diagnostics("In file included from <command-line>:\nx.cpp:1: error: e\n", {}) == "x.cpp:1: error: e\n");
}

TEST_CASE("a missing compiler is one line naming the toolchain and the package") {
  CHECK(missing_compiler_message("g++-does-not-exist") ==
        "the cpp toolchain needs g++-does-not-exist, which is not installed (apt-get install g++)");
  CHECK(missing_compiler_message("clang++-99") ==
        "the cpp toolchain needs clang++-99, which is not installed (apt-get install clang)");
  CHECK(missing_compiler_message("/opt/cc/bin/icpx") ==
        "the cpp toolchain needs /opt/cc/bin/icpx, which does not exist (set [cpp] compiler in toolchains.toml)");
  Scratch s;
  CompileCache cache(s.path / "cache");
  CppBuilder builder(runner(), cache);
  Toolchain t = quick_gxx();
  t.compiler = "g++-does-not-exist";
  const BuildResult r = builder.build(t, s.write("src/hello.cpp", kHello), false);
  CHECK_FALSE(r.ok);
  CHECK(r.verdict == Verdict::internal_error);
  CHECK(r.message == "the cpp toolchain needs g++-does-not-exist, which is not installed (apt-get install g++)");
}

TEST_CASE("a ThreadSanitizer report names the learner's racing lines") {
  const std::string report =
      "==================\n"
      "WARNING: ThreadSanitizer: data race (pid=5479)\n"
      "  Read of size 4 at 0x55d8adac1248 by thread T2:\n"
      "    #0 worker() /tmp/run/counter.cpp:4 (prog+0x12cf)\n"
      "    #1 void std::__invoke_impl<void, void (*)()>(std::__invoke_other, void (*&&)()) "
      "/usr/include/c++/12/bits/invoke.h:61 (prog+0x1569)\n"
      "\n"
      "  Previous write of size 4 at 0x55d8adac1248 by thread T1 (mutexes: write M0):\n"
      "    #0 main::{lambda()#1}::operator()() const /tmp/run/counter.cpp:9:5 (prog+0x12f3)\n"
      "\n"
      "  Location is global 'count' of size 4 at 0x55d8adac1248 (prog+0x4248)\n"
      "\n"
      "  Thread T2 (tid=5485, running) created by main thread at:\n"
      "    #0 pthread_create ../../../../src/libsanitizer/tsan/tsan_interceptors_posix.cpp:1001 (libtsan.so.2+0x5e686)\n"
      "    #1 main /tmp/run/counter.cpp:12 (prog+0x1466)\n"
      "\n"
      "SUMMARY: ThreadSanitizer: data race /tmp/run/counter.cpp:4 in worker()\n";
  const auto parsed = parse_tsan_report(report);
  REQUIRE(parsed);
  CHECK(parsed->kind == "data race");
  CHECK(parsed->location.rfind("global 'count'", 0) == 0);
  Scratch s;
  const fs::path src = s.write("counter.cpp",
                               "int count = 0;\n"
                               "std::mutex m;\n"
                               "void worker() {\n"
                               "  count++;  // the race\n"
                               "}\n"
                               "int main() {\n"
                               "  auto f = [] {\n"
                               "    std::lock_guard<std::mutex> lock(m);\n"
                               "    count = 5;\n"
                               "  };\n"
                               "}\n");
  CHECK(tsan_message(report, src, "counter.cpp") ==
        "data race: line 4 (count++) in worker() and line 9 (count = 5) in a lambda in main() touch `count` "
        "without holding the same lock");
  CHECK(tsan_message("no report here\n", src, "counter.cpp").empty());
  // Parameters (long with std::string) and ABI tags are left out of names.
  std::string verbose = report;
  verbose.replace(verbose.find("worker()"), 8, "worker(std::__cxx11::basic_string<char, std::char_traits<char> > const&)");
  verbose.replace(verbose.find("'count'"), 7, "'count[abi:cxx11]'");
  CHECK(tsan_message(verbose, src, "counter.cpp") ==
        "data race: line 4 (count++) in worker() and line 9 (count = 5) in a lambda in main() touch `count` "
        "without holding the same lock");
}

TEST_CASE("race mode: a real unlocked counter fails with the data-race message, a locked one runs clean") {
  Scratch s;
  EnginePaths paths;
  paths.data_dir = EXENGINE_SOURCE_DIR;
  ToolchainOptions o;
  o.cache_dir = s.path / "cache";
  o.settings = {"cpp.precompiled_headers=[]"};
  Toolchains toolchains(paths, runner(), o);
  const Toolchain t = toolchains.toolchain("cpp", {});
  const std::string body =
      "#include <iostream>\n#include <mutex>\n#include <thread>\n#include <vector>\n"
      "int count = 0;\nstd::mutex m;\n"
      "void worker() {\n"
      "  LOCK\n"
      "  count++;\n"
      "}\n"
      "int main() {\n"
      "  std::vector<std::thread> ts;\n"
      "  for (int i = 0; i < 4; ++i) ts.emplace_back(worker);\n"
      "  for (auto& t : ts) t.join();\n"
      "  std::cout << count << '\\n';\n"
      "}\n";
  // Both tiers: tier B limits memory with RLIMIT_AS, under which ThreadSanitizer cannot start.
  static std::unique_ptr<ProcessRunner> tier_b = make_process_runner("B");
  for (ProcessRunner* r : {&runner(), tier_b.get()}) {
    INFO("tier " << r->tier());
    auto run = [&](const std::string& name, const std::string& lock) {
      std::string text = body;
      text.replace(text.find("LOCK"), 4, lock);
      const fs::path src = s.write(name, text);
      RunSpec spec;
      spec.env = {{"PATH", "/usr/bin:/bin"}};
      ExerciseResult result;
      REQUIRE(prepare_cpp_run(toolchains, t, src, true, r->tier(), spec, result));
      CHECK(result.compiled);
      const RunOutcome out = r->run(spec);
      INFO(out.err);
      return std::make_pair(out, race_message(out.err, src));
    };
    const auto [racy, message] = run("racy.cpp", "// no lock");
    CHECK(racy.exit_code == 66);
    CHECK(message == "data race: line 9 (count++) in worker() and line 9 in worker() touch `count` without a lock");
    const auto [clean, none] = run("clean.cpp", "std::lock_guard<std::mutex> lock(m);");
    CHECK(clean.exit_code == 0);
    CHECK(clean.out == "4\n");
    CHECK(none.empty());
  }
}

TEST_CASE("a compile cache under /tmp works: tier A binds what the compiler and the run need") {
  EnginePaths paths;
  paths.data_dir = EXENGINE_SOURCE_DIR;
  ToolchainOptions o;
  o.cache_dir = "/tmp/exengine-toolchain-test-cache";
  Toolchains toolchains(paths, runner(), o);
  Scratch s;
  const BuildResult r = toolchains.build_cpp(quick_gxx(), s.write("hello.cpp", kHello), false);
  INFO(r.message << r.diagnostics);
  CHECK(r.ok);
  RunSpec spec;
  spec.argv = {r.program.string()};
  const RunOutcome ran = runner().run(spec);
  INFO(ran.start_error << ran.err);
  CHECK(ran.exit_code == 0);
  CHECK(ran.out == "hello\n");
  std::error_code ec;
  fs::remove_all(o.cache_dir, ec);
}

// Issue 14, Must 1 and 11, as a hostile student would: the compiler's root holds the submission,
// the compiler and the system headers only; the compiled program cannot touch the compile cache.
TEST_CASE("a compile sees nothing of the checkout, and a run cannot poison the compile cache", "[hostile]") {
  if (runner().tier() != "A") {
    WARN("tier A is not available here: skipped (tier B compiles see the host's files)");
    return;
  }
  Scratch s;
  CompileCache cache(s.path / "cache");
  CppBuilder builder(runner(), cache);
  const Toolchain t = quick_gxx();
  const std::string manifest = std::string(EXENGINE_SOURCE_DIR) + "/plugins/threads/plugin.toml";
  const std::string solution = std::string(EXENGINE_SOURCE_DIR) + "/plugins/threads/solutions/greet-name.cpp";
  REQUIRE(fs::exists(manifest));
  REQUIRE(fs::exists(solution));

  BuildResult r = builder.build(t, s.write("include.cpp", "#include \"" + solution + "\"\n"), false);
  CHECK(r.verdict == Verdict::compile_error);
  CHECK(r.message == "compilation failed: include.cpp:1:10: fatal error: " + solution + ": No such file or directory");

  r = builder.build(t, s.write("incbin.cpp", "asm(\".incbin \\\"" + manifest + "\\\"\");\nint main() {}\n"), false);
  CHECK(r.verdict == Verdict::compile_error);
  CHECK(r.diagnostics.find("plugin.toml") != std::string::npos);
  CHECK(r.diagnostics.find("[plugin]") == std::string::npos);  // nothing of its text quoted back

  r = builder.build(t, s.write("has_include.cpp", "#include <cstdio>\nint main() {\n#if __has_include(\"" + manifest +
                                                  "\")\n  std::puts(\"visible\");\n#else\n  std::puts(\"hidden\");\n#endif\n}\n"),
                    false);
  REQUIRE(r.ok);
  RunSpec spec;
  spec.argv = {r.program.string()};
  CHECK(runner().run(spec).out == "hidden\n");

  // The program tries to rewrite itself and to reach the cache's entries, temporaries and locks.
  const std::string poison = R"(#include <cstdio>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <string>
int main(int, char** argv) {
  const std::string cache = ")" + cache.dir().string() + R"(";
  const std::string targets[] = {argv[0], cache + "/locks/x.lock", cache + "/tmp/x", cache + "/bin/x"};
  for (const auto& t : targets) {
    int fd = open(t.c_str(), O_WRONLY | O_CREAT, 0644);
    std::puts(fd >= 0 ? "wrote" : "blocked");
  }
  int fd = open(argv[0], O_RDONLY);
  std::puts(fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0 ? "locked own binary" : "no lock");
  std::puts(access((cache + "/locks").c_str(), F_OK) == 0 ? "sees locks" : "no locks");
}
)";
  r = builder.build(t, s.write("poison.cpp", poison), false);
  REQUIRE(r.ok);
  std::ifstream before_in(r.program, std::ios::binary);
  const std::string before((std::istreambuf_iterator<char>(before_in)), std::istreambuf_iterator<char>());
  spec.argv = {r.program.string()};
  const RunOutcome o = runner().run(spec);
  INFO(o.start_error << o.err);
  // The bound binary is read-only; flock on it works but binds nothing: the cache locks files in
  // <cache>/locks, which the run cannot see.
  CHECK(o.out == "blocked\nblocked\nblocked\nblocked\nlocked own binary\nno locks\n");
  std::ifstream after_in(r.program, std::ios::binary);
  const std::string after((std::istreambuf_iterator<char>(after_in)), std::istreambuf_iterator<char>());
  CHECK(after == before);
  CHECK_FALSE(fs::exists(cache.dir() / "locks" / "x.lock"));
  CHECK_FALSE(fs::exists(cache.dir() / "bin" / "x"));
  // The key's lock is free at once (nothing of the run holds it).
  const CompileCache::Lock held = cache.lock("some-key");
}
