// Hostile corpus v2, the intake side (issue 14, Musts 4, 6, 8, 9): what a student can plant in a
// class folder or an archive (links to /etc/shadow or a classmate's file, hard links, FIFOs, ESC
// sequences in names), two engines at once, and a non-root engine in tier B. Each case runs the
// real `exengine`, asserts the verdicts, that the attack failed, and that nothing outside the run
// changed (the class folder, the files linked to, the other students' results).
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "batch/archive_writer.h"
#include "cli/reduced_isolation.h"
#include "support/run_command.h"

using namespace exengine;
using namespace exengine::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const fs::path kSource = EXENGINE_SOURCE_DIR;
const fs::path kReference = kSource / "plugins" / "threads" / "solutions" / "simple-thread.py";
const std::string kEsc = "\x1b";

// Every entry under `dir`, links not followed: "path -> target", "path: <contents>", "path (fifo)".
std::map<std::string, std::string> tree(const fs::path& dir) {
  std::map<std::string, std::string> m;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    const auto st = it->symlink_status(ec);
    const std::string key = it->path().lexically_relative(dir).string();
    if (fs::is_symlink(st)) m[key] = "-> " + fs::read_symlink(it->path(), ec).string();
    else if (fs::is_regular_file(st)) m[key] = read_file(it->path()) + " links " + std::to_string(fs::hard_link_count(it->path()));
    else if (fs::is_directory(st)) m[key] = "dir";
    else m[key] = "other";
  }
  return m;
}

// (student, exercise) -> the result's JSON, from report.json.
std::map<std::string, json> results(const fs::path& report) {
  std::map<std::string, json> out;
  const json j = json::parse(read_file(report));
  for (const auto& s : j["students"])
    for (const auto& r : s["results"]) out[r["student"].get<std::string>()] = r;
  return out;
}

// Whether any file under `dir` holds `needle`.
bool any_file_holds(const fs::path& dir, const std::string& needle) {
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec))
    if (fs::is_regular_file(it->symlink_status(ec)) && read_file(it->path()).find(needle) != std::string::npos)
      return true;
  return false;
}

std::string grade(const fs::path& cls, const fs::path& out, const std::string& extra = {}) {
  return "grade " + shell_quote(cls.string()) + " --out " + shell_quote(out.string()) +
         " --quiet --exercise threads/simple-thread " + extra;
}

// The intake cases are about reading, not isolation: as an unprivileged user without user
// namespaces (tier B), grading must be allowed explicitly.
std::string intake_grade(const fs::path& cls, const fs::path& out) {
  return grade(cls, out, "--allow-reduced-isolation");
}

// The first line of /etc/shadow, or empty when this user cannot read it (then nothing can leak it).
std::string shadow_line() {
  std::ifstream shadow("/etc/shadow");
  std::string line;
  std::getline(shadow, line);
  return line;
}

}  // namespace

TEST_CASE("grade: links, hard links and FIFOs in student folders are refused, one escaped line each; the others are graded",
          "[intake]") {
  TempDir tmp;
  const fs::path cls = tmp / "class", out = tmp / "out";
  const std::string solution = read_file(kReference);
  write_file(cls / "alice" / "threads" / "simple-thread.py", solution);
  write_file(tmp / "answers" / "simple-thread.py", solution);  // the answers, outside the class
  fs::create_directories(cls / "mallory" / "threads");
  fs::create_symlink("/etc/shadow", cls / "mallory" / "threads" / "simple-thread.py");
  fs::create_directories(cls / "trudy" / "threads");
  fs::create_symlink(cls / "alice" / "threads" / "simple-thread.py", cls / "trudy" / "threads" / "simple-thread.py");
  fs::create_directories(cls / "eve");
  fs::create_symlink("../alice/threads", cls / "eve" / "threads");
  fs::create_directories(cls / "hardy" / "threads");
  fs::create_hard_link(tmp / "answers" / "simple-thread.py", cls / "hardy" / "threads" / "simple-thread.py");
  fs::create_directories(cls / "fred" / "threads");
  REQUIRE(::mkfifo((cls / "fred" / "threads" / "simple-thread.py").c_str(), 0644) == 0);
  fs::create_symlink(cls / "alice", cls / "linky");
  const std::string odd = "esc" + kEsc + "[2Jname";
  fs::create_directories(cls / odd / "threads");
  fs::create_symlink("/etc/passwd", cls / odd / "threads" / "simple-thread.py");
  const auto class_before = tree(cls);
  const auto answers_before = tree(tmp / "answers");

  const CommandResult r = run_exengine(intake_grade(cls, out));
  INFO(r.err);
  CHECK(r.exit_code == 0);  // the reports were written (docs/ta-guide.md, exit codes)
  const std::string w = "exengine: warning: student ";
  CHECK(r.err.find(w + "'mallory': not read: threads/simple-thread.py is a symbolic link\n") != std::string::npos);
  CHECK(r.err.find(w + "'trudy': not read: threads/simple-thread.py is a symbolic link\n") != std::string::npos);
  CHECK(r.err.find(w + "'eve': not read: threads/simple-thread.py is under 'threads', a symbolic link\n") !=
        std::string::npos);
  CHECK(r.err.find(w + "'hardy': not read: threads/simple-thread.py has 2 hard links\n") != std::string::npos);
  CHECK(r.err.find(w + "'fred': not read: threads/simple-thread.py is a FIFO\n") != std::string::npos);
  CHECK(r.err.find(w + "'linky': not read: linky is a symbolic link\n") != std::string::npos);
  CHECK(r.err.find(w + "'esc\\x1b[2Jname': not read: threads/simple-thread.py is a symbolic link\n") !=
        std::string::npos);
  CHECK(r.err.find(kEsc) == std::string::npos);
  CHECK(r.out.find(kEsc) == std::string::npos);

  auto got = results(out / "report.json");
  REQUIRE(got.size() == 8);
  CHECK(got["alice"]["verdict"] == "passed");
  CHECK(got["alice"]["score"] == 10.0);
  const std::string plain = ": not read (a submission must be a plain file in the student's own folder)";
  const std::map<std::string, std::string> messages = {
      {"mallory", "mallory/threads/simple-thread.py is a symbolic link" + plain},
      {"trudy", "trudy/threads/simple-thread.py is a symbolic link" + plain},
      {"eve", "eve/threads/simple-thread.py is under 'threads', a symbolic link" + plain},
      {"hardy", "hardy/threads/simple-thread.py has 2 hard links" + plain},
      {"fred", "fred/threads/simple-thread.py is a FIFO" + plain},
      {"linky", "linky is a symbolic link: not read (a student is a folder or an archive, not a link)"},
      {odd, odd + "/threads/simple-thread.py is a symbolic link" + plain},
  };
  for (const auto& [student, message] : messages) {
    INFO(student);
    CHECK(got[student]["verdict"] == "missing");
    CHECK(got[student]["score"] == 0.0);
    CHECK(got[student]["message"] == message);
  }
  // Nothing of what the links point to was read; nothing they point to changed.
  if (const std::string line = shadow_line(); !line.empty()) CHECK_FALSE(any_file_holds(out, line));
  CHECK_FALSE(fs::exists(out / "work" / "mallory" / "threads" / "simple-thread.py"));
  CHECK_FALSE(fs::exists(out / "work" / "hardy" / "threads" / "simple-thread.py"));
  CHECK(tree(cls) == class_before);
  CHECK(tree(tmp / "answers") == answers_before);
  // The engine's copies are for the engine alone.
  CHECK((fs::status(out / "work").permissions() & fs::perms::all) == fs::perms::owner_all);
  CHECK(read_file(out / "work" / "alice" / "threads" / "simple-thread.py") == solution);
}

TEST_CASE("check: a TA checking a student's folder reads no link and no hard-linked file", "[intake]") {
  TempDir tmp;
  const std::string solution = read_file(kReference);
  write_file(tmp / "answers" / "greet-name.py", read_file(kSource / "plugins" / "threads" / "solutions" / "greet-name.py"));
  fs::create_directories(tmp / "mallory" / "threads");
  fs::create_symlink("/etc/shadow", tmp / "mallory" / "threads" / "simple-thread.py");
  fs::create_hard_link(tmp / "answers" / "greet-name.py", tmp / "mallory" / "threads" / "greet-name.py");
  write_file(tmp / "mallory" / "threads" / "print-numbers.py", "print('mine')\n");
  fs::create_symlink(tmp / "mallory", tmp / "linked");  // a folder the TA names may be a link
  const auto before = tree(tmp.path());

  const CommandResult r = run_exengine("check --json " + shell_quote((tmp / "linked").string()));
  INFO(r.err);
  CHECK(r.exit_code == 1);
  std::map<std::string, json> got;
  for (const auto& j : json::parse(r.out)) got[j["exercise"].get<std::string>()] = j;
  REQUIRE(got.size() == 3);
  const std::string plain = ": not read (a submission must be a plain file in the student's own folder)";
  const std::string shown = (tmp / "linked").string();
  CHECK(got["threads/simple-thread"]["verdict"] == "missing");
  CHECK(got["threads/simple-thread"]["message"] == shown + "/threads/simple-thread.py is a symbolic link" + plain);
  CHECK(got["threads/greet-name"]["verdict"] == "missing");
  CHECK(got["threads/greet-name"]["message"] == shown + "/threads/greet-name.py has 2 hard links" + plain);
  CHECK(got["threads/print-numbers"]["verdict"] == "wrong-output");  // the plain file is graded
  if (const std::string line = shadow_line(); !line.empty()) CHECK(r.out.find(line) == std::string::npos);

  const CommandResult one = run_exengine("check " + shell_quote((tmp / "mallory" / "threads" / "simple-thread.py").string()));
  CHECK(one.exit_code == 1);
  CHECK(one.out.find("simple-thread.py is a symbolic link" + plain) != std::string::npos);
  CHECK(tree(tmp.path()) == before);
}

TEST_CASE("ESC sequences in archive entry names and file names reach the terminal escaped", "[intake]") {
  TempDir tmp;
  const fs::path cls = tmp / "class", out = tmp / "out";
  const std::string solution = read_file(kReference);
  write_file(cls / "amy" / "threads" / "simple-thread.py", solution);
  using exengine::testing::file;
  using exengine::testing::special;
  exengine::testing::write_archive(cls / "zed.tar.gz",
                                   {file("threads/" + kEsc + "]0;owned\x07/../../../evil.py", "print(1)\n")});
  const std::string red = kEsc + "[31mred";
  exengine::testing::write_archive(cls / (red + ".tar.gz"),
                                   {special("threads/simple-thread.py", AE_IFLNK, "/etc/shadow")});
  const auto class_before = tree(cls);

  const CommandResult r = run_exengine(intake_grade(cls, out));
  INFO(r.err);
  CHECK(r.exit_code == 0);  // the reports were written (docs/ta-guide.md, exit codes)
  CHECK(r.err.find("exengine: warning: student 'zed': archive refused: zed.tar.gz: entry "
                   "'threads/\\x1b]0;owned\\x07/../../../evil.py' leaves the student's folder ('..')\n") !=
        std::string::npos);
  CHECK(r.err.find("exengine: warning: student '\\x1b[31mred': archive refused: \\x1b[31mred.tar.gz: entry "
                   "'threads/simple-thread.py' is a symbolic link\n") != std::string::npos);
  CHECK(r.err.find(kEsc) == std::string::npos);
  CHECK(r.err.find('\x07') == std::string::npos);
  CHECK(r.out.find(kEsc) == std::string::npos);
  auto got = results(out / "report.json");
  CHECK(got["amy"]["verdict"] == "passed");
  CHECK(got["zed"]["verdict"] == "missing");
  CHECK(got[red]["verdict"] == "missing");
  CHECK_FALSE(fs::exists(tmp / "evil.py"));
  CHECK_FALSE(fs::exists(out / "evil.py"));
  CHECK(tree(cls) == class_before);

  // `check`: a file name in a workspace, and a path on the command line.
  write_file(tmp / "ws" / "threads" / (kEsc + "[2Jclear.py"), "print(1)\n");
  write_file(tmp / "ws" / "threads" / "simple-thread.py", solution);
  const CommandResult c = run_exengine("check " + shell_quote((tmp / "ws").string()));
  INFO(c.out);
  CHECK(c.exit_code == 0);
  CHECK(c.out.find("(ignored threads/\\x1b[2Jclear.py: it matches no exercise)\n") != std::string::npos);
  CHECK(c.out.find(kEsc) == std::string::npos);
  const CommandResult e = run_exengine("check " + shell_quote(kEsc + "[2J" + kEsc + "]0;x\x07"));
  CHECK(e.exit_code == 2);
  CHECK(e.err == "exengine: error: \\x1b[2J\\x1b]0;x\\x07: no such file or folder\n");
}

TEST_CASE("two engines started at once give their runs disjoint uids: one run cannot signal the other's", "[intake]") {
  if (::geteuid() != 0) {
    WARN("not root: runs share the engine's uid by design (tier B) or map it (tier A); skipped");
    return;
  }
  TempDir tmp;
  // The victim sleeps while the attacker, in the other engine, finds it through /proc and sends it
  // SIGKILL (kill(-1) is stopped by tier B's seccomp guard; a pid is not).
  write_file(tmp / "victim.py", "import os, time\nprint('uid', os.getuid(), flush=True)\ntime.sleep(2)\n"
                                "print('survived', flush=True)\n");
  write_file(tmp / "attacker.py", R"(import os, signal, time
print('uid', os.getuid(), flush=True)
time.sleep(0.5)
killed = refused = 0
for p in os.listdir('/proc'):
    if not p.isdigit():
        continue
    try:
        with open('/proc/%s/cmdline' % p, 'rb') as f:
            if b'victim.py' not in f.read():
                continue
        os.kill(int(p), signal.SIGKILL)
        killed += 1
    except PermissionError:
        refused += 1
    except OSError:
        pass
print('killed', killed, 'refused', refused, flush=True)
)");
  auto start = [&](const std::string& name) {
    return shell_quote(EXENGINE_BIN) + " --tier B check --json --exercise threads/simple-thread " +
           shell_quote((tmp / (name + ".py")).string()) + " > " + shell_quote((tmp / (name + ".json")).string()) +
           " 2>/dev/null";
  };
  const CommandResult both = run_command(start("victim") + " & " + start("attacker") + "; wait");
  REQUIRE(both.exit_code == 0);
  const json victim = json::parse(read_file(tmp / "victim.json"))[0];
  const json attacker = json::parse(read_file(tmp / "attacker.json"))[0];
  const std::string vout = victim["stdout"], aout = attacker["stdout"];
  INFO(vout);
  INFO(aout);
  CHECK(victim["verdict"] == "wrong-output");
  CHECK(attacker["verdict"] == "wrong-output");
  const int vuid = std::stoi(vout.substr(4)), auid = std::stoi(aout.substr(4));
  CHECK(vuid != auid);
  for (int uid : {vuid, auid}) {
    CHECK(uid >= 600000);
    CHECK(uid < 610000);
  }
  CHECK(vout.find("survived\n") != std::string::npos);  // the attack failed
  CHECK(aout.find("killed 0 refused") != std::string::npos);  // EPERM: nothing of the other run is its own
  CHECK(aout.find("killed 0 refused 0") == std::string::npos);  // it did find the victim
}

TEST_CASE("a non-root engine in tier B refuses to grade a class unless told; root tier B and check stay allowed",
          "[intake]") {
  if (::geteuid() != 0) {
    WARN("not root: cannot switch to an unprivileged user for this case; the decision is tested below");
    return;
  }
  TempDir tmp;
  const fs::path cls = tmp / "class";
  write_file(cls / "alice" / "threads" / "simple-thread.py", read_file(kReference));
  REQUIRE(::chown(tmp.path().c_str(), 65534, 65534) == 0);
  ::chmod(tmp.path().c_str(), 0755);
  const std::string as_nobody = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
  if (run_command(as_nobody + shell_quote(EXENGINE_BIN) + " list").exit_code != 0) {
    WARN("the user nobody cannot run " EXENGINE_BIN " (a checkout under a private folder?): skipped");
    return;
  }
  auto engine = [&](const std::string& args) {
    CommandResult r = run_command(as_nobody + shell_quote(EXENGINE_BIN) + " --tier B " + args);
    return r;
  };
  const CommandResult refused = engine(grade(cls, tmp / "out1"));
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("exengine: error: not grading a class in tier B as a non-root user: every student's program "
                         "would run as you (uid 65534) and could kill the engine or rewrite the journal, changing "
                         "other students' grades; grade as root, where user namespaces allow tier A, or add "
                         "--allow-reduced-isolation to accept that\n") != std::string::npos);
  CHECK_FALSE(fs::exists(tmp / "out1"));

  const CommandResult allowed = engine(grade(cls, tmp / "out2", "--allow-reduced-isolation"));
  INFO(allowed.err);
  CHECK(allowed.exit_code == 0);
  CHECK(results(tmp / "out2" / "report.json")["alice"]["verdict"] == "passed");

  const CommandResult check = engine("check " + shell_quote((cls / "alice").string()));
  CHECK(check.exit_code == 0);
  CHECK(check.err.find("exengine: warning: isolation is reduced (tier B forced)") != std::string::npos);

  const CommandResult root = run_command(shell_quote(EXENGINE_BIN) + " --tier B " + grade(cls, tmp / "out3"));
  CHECK(root.exit_code == 0);
}

TEST_CASE("the reduced-isolation decision", "[intake]") {
  CHECK(reduced_isolation_refusal("A", false, 1000, false).empty());
  CHECK(reduced_isolation_refusal("A", true, 0, false).empty());
  CHECK(reduced_isolation_refusal("B", true, 0, false).empty());  // root tier B: runs get their own uids
  CHECK(reduced_isolation_refusal("B", false, 1000, true).empty());
  CHECK(reduced_isolation_refusal("B", false, 1000, false).rfind(
            "not grading a class in tier B as a non-root user: every student's program would run as you (uid 1000)",
            0) == 0);
}

TEST_CASE("the intake corpus as an unprivileged user", "[intake][unprivileged]") {
  if (::geteuid() != 0) {
    SUCCEED("already unprivileged");
    return;
  }
  // CI runs the corpus both ways: this binary once more as nobody, on the same engine and sources.
  const std::string as_nobody = "setpriv --reuid=65534 --regid=65534 --clear-groups --reset-env ";
  if (run_command(as_nobody + shell_quote(EXENGINE_BIN) + " list").exit_code != 0 ||
      run_command(as_nobody + "test -r " + shell_quote(kReference.string())).exit_code != 0) {
    WARN("the user nobody cannot reach the engine or the sources (a checkout under a private folder?): skipped");
    return;
  }
  TempDir tmp;
  fs::copy_file(fs::read_symlink("/proc/self/exe"), tmp / "hostile_intake_test");
  ::chmod(tmp.path().c_str(), 0755);
  const CommandResult r = run_command("cd / && " + as_nobody + shell_quote((tmp / "hostile_intake_test").string()) +
                                      " '[intake]~[unprivileged]'");
  INFO(r.out);
  CHECK(r.exit_code == 0);
}

TEST_CASE("grade: a run reaches nothing of the class, OUT, OUT/work or the journal, and changes no one's result",
          "[intake]") {
  // The class and OUT live outside /tmp (tier A gives every run a private /tmp, which would hide
  // them for the wrong reason): in a folder of the test's working directory.
  std::string tmpl = (fs::current_path() / "grade-reach-XXXXXX").string();
  if (::mkdtemp(tmpl.data()) == nullptr) {  // the unprivileged re-run starts in /
    WARN("skipped: cannot make a folder outside /tmp in " << fs::current_path().string());
    return;
  }
  const fs::path root = tmpl;
  struct Cleanup {
    fs::path p;
    ~Cleanup() { std::error_code ec; fs::remove_all(p, ec); }
  } cleanup{root};
  ::chmod(root.c_str(), 0755);
  const fs::path cls = root / "class", out = root / "out";
  const std::string solution = read_file(kReference);
  write_file(cls / "alice" / "threads" / "simple-thread.py", solution);
  // mallory runs after alice (--jobs 1, in name order): by then OUT/work/alice and alice's journal
  // line exist. She tries to read, list, run and overwrite all of it.
  const fs::path alice_src = cls / "alice" / "threads" / "simple-thread.py";
  const fs::path alice_copy = out / "work" / "alice" / "threads" / "simple-thread.py";
  const std::string mallory =
      "import os\n"
      "targets = " + json(std::vector<std::string>{cls.string(), alice_src.string(), out.string(), (out / "work").string(),
                                                     alice_copy.string(), (out / "journal.jsonl").string(),
                                                     "/proc/1/cmdline"}).dump() + "\n"
      "for t in targets:\n"
      "    try:\n"
      "        if os.path.isdir(t):\n"
      "            print('listed', len(os.listdir(t)))\n"
      "        else:\n"
      "            data = open(t, 'rb').read()\n"
      "            print('read', t, data if t.startswith('/proc') else len(data))\n"
      "            if t.endswith('.py'):\n"
      "                exec(data)\n"
      "    except OSError:\n"
      "        print('blocked')\n"
      "for t in targets[5:6]:\n"
      "    try:\n"
      "        open(t, 'a').write('{}\\n')\n"
      "        print('wrote')\n"
      "    except OSError:\n"
      "        print('blocked')\n";
  write_file(cls / "mallory" / "threads" / "simple-thread.py", mallory);
  const auto class_before = tree(cls);

  const CommandResult r = run_exengine(grade(cls, out, "--jobs 1"));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto got = results(out / "report.json");
  REQUIRE(got.size() == 2);
  if (got["mallory"]["tier"] != "A") {
    WARN("skipped: the runs were not in tier A here (" << got["mallory"]["tier"] << "), where nothing is hidden");
    return;
  }
  CHECK(got["alice"]["verdict"] == "passed");
  CHECK(got["alice"]["score"] == 10.0);
  INFO(got["mallory"].dump());
  CHECK(got["mallory"]["verdict"] == "wrong-output");
  // Every target was blocked (/proc/1 is the run's own namespace's init: blocked or engine-free).
  const std::string printed = got["mallory"]["stdout"].get<std::string>();
  CHECK(printed.find("listed") == std::string::npos);
  CHECK(printed.find("read " + cls.string()) == std::string::npos);
  CHECK(printed.find("read " + out.string()) == std::string::npos);
  CHECK(printed.find("wrote") == std::string::npos);
  CHECK(printed.find("Thread:") == std::string::npos);  // alice's code never ran as mallory's
  const std::string cmdline_hint = out.string();
  CHECK(printed.find(cmdline_hint) == std::string::npos);
  CHECK(tree(cls) == class_before);
  // The journal holds the two results and nothing the run wrote.
  std::istringstream journal(read_file(out / "journal.jsonl"));
  int lines = 0;
  for (std::string line; std::getline(journal, line);) {
    ++lines;
    CHECK(line != "{}");
  }
  CHECK(lines == 2);
}
