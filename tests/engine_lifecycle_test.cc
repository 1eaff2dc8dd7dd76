// End-to-end tests of the engine process itself: many plugins at once (no capacity of the sandbox
// plan is fixed by an input count), and nothing the engine started outlives it. This test process
// is a child subreaper (PR_SET_CHILD_SUBREAPER): anything of the engine's tree left behind when the
// engine exits, running or a zombie, is re-parented to it and shows up as a child here.
#include <catch2/catch.hpp>

#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "support/run_command.h"

using namespace exengine::test;
namespace fs = std::filesystem;

namespace {

const fs::path kSource = EXENGINE_SOURCE_DIR;

// A scratch folder the runs' unprivileged uids may read (not under /tmp when the engine is root:
// see tests/support; a root checkout may sit in a 0700 /root).
fs::path scratch_root() {
  fs::path p = ::geteuid() == 0 ? fs::path("/var/cache/exengine-tests") : fs::temp_directory_path();
  fs::create_directories(p);
  fs::permissions(p, fs::perms::all, fs::perm_options::add);
  return p;
}

struct Scratch {
  fs::path path;
  Scratch() {
    std::string tmpl = (scratch_root() / "lifecycle-XXXXXX").string();
    REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
    path = tmpl;
    fs::permissions(path, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                              fs::perms::others_read | fs::perms::others_exec);
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

// What of the engine's tree is still here after the engine returned: re-parented children that
// are still running, and zombies. Each is described ("pid state comm"), then killed and reaped.
std::vector<std::string> leftovers() {
  std::vector<std::string> left;
  // One that outlived the engine by a few milliseconds is a leftover too: give an exiting one a
  // moment to become a zombie, then collect everything.
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  for (const auto& e : fs::directory_iterator("/proc")) {
    const std::string name = e.path().filename().string();
    if (name.empty() || name[0] < '1' || name[0] > '9') continue;
    std::ifstream st(e.path() / "stat");
    std::string s((std::istreambuf_iterator<char>(st)), {});
    auto open = s.find('('), close = s.rfind(')');
    if (open == std::string::npos || close == std::string::npos) continue;
    char state = 0;
    int ppid = 0;
    std::sscanf(s.c_str() + close + 1, " %c %d", &state, &ppid);
    if (ppid != ::getpid()) continue;
    left.push_back(fmt::format("{} {} {}", name, state, s.substr(open + 1, close - open - 1)));
    ::kill(std::stoi(name), SIGKILL);
  }
  int status = 0;
  while (::waitpid(-1, &status, __WALL) > 0 || errno == EINTR) {
  }
  return left;
}

void become_subreaper() { REQUIRE(::prctl(PR_SET_CHILD_SUBREAPER, 1) == 0); }

// `count` TOML-only plugins in `dir`: plugin k has one exercise, many-k/echo, graded exactly.
void write_plugins(const fs::path& dir, int count) {
  for (int k = 0; k < count; ++k) {
    write_file(dir / fmt::format("many-{}", k) / "plugin.toml",
               fmt::format("[plugin]\nname = \"many-{0}\"\ntitle = \"Fixture plugin {0}\"\nversion = \"1.0.0\"\n"
                           "abi = 2\n\n[[exercise]]\nid = \"many-{0}/echo\"\ntitle = \"Echo {0}\"\n"
                           "prompt = \"Print `plugin {0}`.\"\ngrader = {{ name = \"exact\", expected = \"plugin {0}\\n\" }}\n",
                           k));
  }
}

}  // namespace

TEST_CASE("40 plugins load, and an exercise of the last one is checked in the full sandbox") {
  become_subreaper();
  Scratch s;
  write_plugins(s.path / "plugins", 40);
  write_file(s.path / "good.py", "print('plugin 39')\n");
  write_file(s.path / "bad.py", "print('plugin 38')\n");
  const std::string plugins = "--plugins " + shell_quote((s.path / "plugins").string());
  CommandResult list = run_exengine(plugins + " list --json");
  INFO(list.err);
  REQUIRE(list.exit_code == 0);
  int many = 0;
  for (const auto& t : nlohmann::json::parse(list.out))
    if (t["topic"].get<std::string>().rfind("many-", 0) == 0) ++many;
  CHECK(many == 40);
  CommandResult good =
      run_exengine(plugins + " check --json --exercise many-39/echo " + shell_quote((s.path / "good.py").string()));
  INFO(good.out << good.err);
  CHECK(good.exit_code == 0);
  CHECK(good.err.find("sandbox") == std::string::npos);
  auto res = nlohmann::json::parse(good.out);
  REQUIRE(res.size() == 1);
  CHECK(res[0]["verdict"] == "passed");
  CommandResult bad =
      run_exengine(plugins + " check --json --exercise many-39/echo " + shell_quote((s.path / "bad.py").string()));
  CHECK(bad.exit_code == 1);
  CHECK(nlohmann::json::parse(bad.out)[0]["verdict"] == "wrong-output");
  CHECK(leftovers() == std::vector<std::string>{});
}

TEST_CASE("nothing the engine started outlives check, grade or selftest") {
  become_subreaper();
  Scratch s;
  write_plugins(s.path / "plugins", 1);
  const std::string plugins = "--no-default-plugins --plugins " + shell_quote((s.path / "plugins").string());
  // A program that leaves a child behind, one that sleeps past its time limit, one that passes.
  write_file(s.path / "class" / "ann" / "many-0" / "echo.py",
             "import os, time\nif os.fork() == 0:\n    time.sleep(30)\nprint('plugin 0')\n");
  write_file(s.path / "class" / "bob" / "many-0" / "echo.py", "import time\ntime.sleep(60)\n");
  write_file(s.path / "class" / "cy" / "many-0" / "echo.py", "print('plugin 0')\n");

  SECTION("check") {
    for (const char* who : {"ann", "cy"}) {
      CommandResult r = run_exengine(plugins + " check --exercise many-0/echo " +
                                     shell_quote((s.path / "class" / who / "many-0" / "echo.py").string()));
      INFO(who << ": " << r.out << r.err);
      if (std::string(who) == "cy") CHECK(r.exit_code == 0);
      CHECK(leftovers() == std::vector<std::string>{});
    }
  }
  SECTION("grade") {
    CommandResult r = run_exengine(plugins + " grade " + shell_quote((s.path / "class").string()) + " --out " +
                                   shell_quote((s.path / "out").string()) + " --format csv");
    INFO(r.out << r.err);
    CHECK(fs::exists(s.path / "out" / "grades.csv"));
    CHECK(leftovers() == std::vector<std::string>{});
  }
  SECTION("selftest") {
    fs::create_directories(s.path / "plugins" / "many-0" / "solutions");
    write_file(s.path / "plugins" / "many-0" / "solutions" / "echo.py", "print('plugin 0')\n");
    CommandResult r = run_exengine(plugins + " selftest many-0");
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    CHECK(leftovers() == std::vector<std::string>{});
  }
}
