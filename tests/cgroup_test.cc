// The cgroup backends (issue 16): the choice of hierarchy from /proc/self/mountinfo for each host
// layout; the v2 backend's files against a fixture tree behind CgroupFiles; the v2 backend for real
// on what this host's unified hierarchy offers (cgroup.kill, cpu.stat, cgroup.procs); the removal
// of dead engines' cgroups; and, end to end, a grading engine killed with SIGKILL leaving nothing
// behind for the next one.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <map>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "runner/cgroup_backend.h"
#include "runner/cgroup_layout.h"
#include "runner/cgroup_v2_backend.h"
#include "support/run_command.h"

using namespace exengine;
using namespace exengine::test;
namespace fs = std::filesystem;

namespace {

// What a Debian 12 host (pure v2), this hybrid machine, an old v1-only host and a chroot show.
const char* const kPureV2 =
    "22 27 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw\n"
    "26 21 0:24 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot\n";
const char* const kHybrid =
    "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755\n"
    "32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu\n"
    "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory\n"
    "39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids\n"
    "40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd\n"
    "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n";
const char* const kV1Only =
    "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755\n"
    "35 31 0:32 / /sys/fs/cgroup/memory,cpu rw,relatime shared:9 - cgroup cgroup rw,memory,cpu\n"
    "39 31 0:36 / /sys/fs/cgroup/my\\040pids rw,relatime - cgroup cgroup rw,pids\n";
const char* const kNone = "22 27 0:21 / /proc rw,nosuid - proc proc rw\n1 0 8:1 / / rw - ext4 /dev/vda rw\n";

// A fixture tree: folders and files in memory, as cgroupfs would have them.
struct FakeFiles : CgroupFiles {
  std::set<std::string> dirs;
  std::map<std::string, std::string> files;
  std::vector<std::string> writes;  // "path=text", in order
  bool make_dir(const std::string& p) override {
    if (!dirs.insert(p).second) {
      errno = EEXIST;
      return false;
    }
    return true;
  }
  bool remove_dir(const std::string& p) override {
    if (!read(p + "/cgroup.procs").empty()) {  // as the kernel: not while processes are inside
      errno = EBUSY;
      return false;
    }
    dirs.erase(p);
    return true;
  }
  bool write(const std::string& p, const std::string& t) override {
    const std::string dir = fs::path(p).parent_path().string();
    if (!dirs.count(dir)) {
      errno = ENOENT;
      return false;
    }
    writes.push_back(p + "=" + t);
    files[p] = t;
    if (fs::path(p).filename() == "cgroup.kill") files[dir + "/cgroup.procs"].clear();
    return true;
  }
  std::string read(const std::string& p) override { return files.count(p) ? files[p] : std::string(); }
  int open_for_writing(const std::string& p) override {
    return dirs.count(fs::path(p).parent_path().string()) ? ::open("/dev/null", O_WRONLY | O_CLOEXEC) : -1;
  }
  std::vector<std::string> list_dirs(const std::string& p) override {
    std::vector<std::string> out;
    for (const auto& d : dirs) {
      if (fs::path(d).parent_path() == fs::path(p)) out.push_back(fs::path(d).filename().string());
    }
    return out;
  }
};

Limits limits(int processes, int memory_mb) {
  Limits l;
  l.processes = processes;
  l.memory_mb = memory_mb;
  return l;
}

}  // namespace

TEST_CASE("cgroup layout: the hierarchies each kind of host mounts") {
  CgroupLayout v2 = CgroupLayout::parse(kPureV2);
  CHECK(v2.kind == CgroupLayout::Kind::pure_v2);
  CHECK(v2.unified == "/sys/fs/cgroup");
  CHECK(v2.v1_pids.empty());
  CgroupLayout hybrid = CgroupLayout::parse(kHybrid);
  CHECK(hybrid.kind == CgroupLayout::Kind::hybrid);
  CHECK(hybrid.v1_pids == "/sys/fs/cgroup/pids");
  CHECK(hybrid.v1_memory == "/sys/fs/cgroup/memory");
  CHECK(hybrid.unified == "/sys/fs/cgroup/unified");
  CgroupLayout v1 = CgroupLayout::parse(kV1Only);
  CHECK(v1.kind == CgroupLayout::Kind::v1_only);
  CHECK(v1.v1_memory == "/sys/fs/cgroup/memory,cpu");
  CHECK(v1.v1_pids == "/sys/fs/cgroup/my pids");  // \040 unescaped
  CHECK(v1.unified.empty());
  CHECK(CgroupLayout::parse(kNone).kind == CgroupLayout::Kind::none);
  CHECK(CgroupLayout::parse("").kind == CgroupLayout::Kind::none);
  CHECK(std::string(CgroupLayout::name(CgroupLayout::Kind::pure_v2)) == "pure v2");
  // This machine, read for real: the test suite's premise (hybrid here, pure v2 elsewhere).
  const CgroupLayout here = CgroupLayout::host();
  WARN("this host's cgroup layout: " << CgroupLayout::name(here.kind));
  CHECK(here.kind != CgroupLayout::Kind::none);
}

TEST_CASE("cgroup v2 backend: the limit files it writes and the figures it reads, on a fixture tree") {
  FakeFiles f;
  f.dirs.insert("/cg/exengine-1");
  CgroupV2Backend b(f, "/cg/exengine-1", true, true);
  CHECK(b.limits());
  CHECK(b.describe() == "cgroup v2 (memory, pids)");
  CHECK(b.missing().empty());
  auto run = b.create(limits(64, 256));
  REQUIRE(f.dirs.count("/cg/exengine-1/run-0") + f.dirs.count("/cg/exengine-1/run-1") >= 1);
  const std::string dir = *std::find_if(f.dirs.begin(), f.dirs.end(),
                                        [](const std::string& d) { return d.find("/run-") != std::string::npos; });
  CHECK(f.files[dir + "/memory.max"] == std::to_string(256LL * 1024 * 1024));
  CHECK(f.files[dir + "/memory.swap.max"] == "0");
  CHECK(f.files[dir + "/pids.max"] == "64");
  CHECK(run->procs_fds().size() == 1);
  // What the kernel would have written by the end of a run.
  f.files[dir + "/memory.events"] = "low 0\nhigh 0\nmax 12\noom 1\noom_kill 1\noom_group_kill 0\n";
  f.files[dir + "/memory.peak"] = "268431360\n";
  f.files[dir + "/cpu.stat"] = "usage_usec 123456\nuser_usec 100000\nsystem_usec 23456\n";
  f.files[dir + "/pids.events"] = "max 3\n";
  f.files[dir + "/cgroup.procs"] = "101\n102\n";
  CHECK(run->oom_killed());
  CHECK(run->peak_kb() == 268431360 / 1024);
  CHECK(run->cpu_ms() == Approx(123.456));
  CHECK(run->pids_limit_hit());
  CHECK(run->process_count() == 2);
  f.files[dir + "/cgroup.procs"] = "";
  run->kill();
  CHECK(f.files[dir + "/cgroup.kill"] == "1");
  // Nothing struck: a quiet run reads as such.
  f.files[dir + "/memory.events"] = "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\n";
  f.files[dir + "/pids.events"] = "max 0\n";
  f.files.erase(dir + "/memory.peak");  // before Linux 5.19
  CHECK_FALSE(run->oom_killed());
  CHECK_FALSE(run->pids_limit_hit());
  CHECK(run->peak_kb() == -1);
  run.reset();
  CHECK(f.dirs.count(dir) == 0);
}

TEST_CASE("cgroup v2 backend without controllers says which limits are rlimit-only") {
  FakeFiles f;
  f.dirs.insert("/cg/e");
  CgroupV2Backend none(f, "/cg/e", false, false, "the memory and pids controllers are not both delegated to /cg (it has: cpu)");
  CHECK_FALSE(none.limits());
  CHECK(none.describe() == "cgroup v2 (none)");
  CHECK(none.missing() ==
        "the memory and process limits of runs are rlimit-only: the memory and pids controllers are not both "
        "delegated to /cg (it has: cpu)");
  CgroupV2Backend mem_only(f, "/cg/e", true, false);
  CHECK(mem_only.missing() == "the process limit of runs is rlimit-only: no cgroup v2 controller for it");
  auto run = none.create(limits(8, 64));
  for (const auto& w : f.writes) CHECK(w.find("memory.max") == std::string::npos);
}

TEST_CASE("stale engine cgroups are removed, live ones and strangers are left") {
  FakeFiles f;
  for (const char* d : {"/cg", "/cg/exengine-111", "/cg/exengine-111/run-0", "/cg/exengine-111/run-1",
                        "/cg/exengine-222", "/cg/exengine-222/run-5", "/cg/system.slice", "/cg/exengine-x1"}) {
    f.dirs.insert(d);
  }
  f.files["/cg/exengine-111/run-0/cgroup.procs"] = "4242\n";  // still running when its engine died
  const int removed = remove_stale_cgroups(f, "/cg", [](pid_t pid, const std::string&) { return pid == 222; });
  CHECK(removed == 1);
  CHECK(f.dirs.count("/cg/exengine-111") == 0);
  CHECK(f.dirs.count("/cg/exengine-111/run-0") == 0);
  CHECK(f.dirs.count("/cg/exengine-111/run-1") == 0);
  CHECK(f.dirs.count("/cg/exengine-222/run-5") == 1);
  CHECK(f.dirs.count("/cg/system.slice") == 1);
  CHECK(f.dirs.count("/cg/exengine-x1") == 1);
  // A run still holding processes is killed first (cgroup.kill), then removed.
  CHECK(std::find(f.writes.begin(), f.writes.end(), "/cg/exengine-111/run-0/cgroup.kill=1") != f.writes.end());
}

TEST_CASE("engine_alive: a live process is alive; a dead pid or a newer process is not") {
  TempDir d;
  CHECK(engine_alive(::getpid(), d.path().string()));
  pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ::waitpid(child, nullptr, 0);
  CHECK_FALSE(engine_alive(child, d.path().string()));
  // A folder last changed long before this process started cannot be this process's.
  const fs::path old = d / "old";
  fs::create_directories(old);
  fs::last_write_time(old, fs::file_time_type::clock::now() - std::chrono::hours(24 * 365 * 10));
  CHECK_FALSE(engine_alive(::getpid(), old.string()));
}

TEST_CASE("cgroup v2 backend for real, on this host's unified hierarchy: cgroup.procs, cpu.stat, cgroup.kill") {
  const CgroupLayout host = CgroupLayout::host();
  if (host.unified.empty() || ::geteuid() != 0) {
    WARN("SKIPPED: no cgroup2 hierarchy writable here (" << CgroupLayout::name(host.kind) << ", euid "
                                                         << ::geteuid() << ")");
    return;
  }
  CgroupFiles& files = CgroupFiles::real();
  const std::string parent = fmt::format("{}/exengine-{}", host.unified, ::getpid());
  REQUIRE((files.make_dir(parent) || errno == EEXIST));
  // What the hierarchy offers for runs here: a pure-v2 host enables memory and pids; a hybrid one
  // (this machine) has them in v1, so the backend runs without them.
  const std::string controllers = files.read(host.unified + "/cgroup.subtree_control");
  const bool mem = controllers.find("memory") != std::string::npos;
  const bool pids = controllers.find("pids") != std::string::npos;
  {
    CgroupV2Backend b(files, parent, mem, pids);
    auto run = b.create(limits(16, 128));
    const auto runs = files.list_dirs(parent);
    REQUIRE(runs.size() == 1);
    const std::string dir = parent + "/" + runs[0];
    if (mem) CHECK(files.read(dir + "/memory.max") == std::to_string(128LL * 1024 * 1024) + "\n");
    if (pids) CHECK(files.read(dir + "/pids.max") == "16\n");
    if (!mem || !pids) WARN("this host's v2 hierarchy has no memory/pids controller: only kill, cpu.stat and procs are tested for real");
    int go[2];
    REQUIRE(::pipe(go) == 0);
    const pid_t child = ::fork();
    if (child == 0) {
      char c;
      if (::write(run->procs_fds()[0], "0", 1) != 1) ::_exit(3);
      if (::read(go[0], &c, 1) != 1) ::_exit(4);
      volatile unsigned long spin = 0;
      timespec cpu{};
      do {  // 150 ms of CPU time, however loaded the machine is
        spin = spin + 1;
        ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
      } while (cpu.tv_sec == 0 && cpu.tv_nsec < 150'000'000);
      for (;;) ::pause();  // until cgroup.kill
    }
    ::close(go[0]);
    REQUIRE(::write(go[1], "g", 1) == 1);
    // The child joined, spins for 150 ms of CPU time, then waits to be killed.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (run->cpu_ms() < 100 && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    CHECK(run->cpu_ms() >= 100);
    CHECK(run->process_count() == 1);
    run->kill();
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    CHECK(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == SIGKILL);
    CHECK(run->process_count() == 0);
    ::close(go[1]);
  }
  CHECK(files.list_dirs(parent).empty());  // the run's folder went with the object
  files.remove_dir(parent);
}

TEST_CASE("after SIGKILL of a grading engine, the next engine leaves no stale cgroup behind") {
  const CgroupLayout host = CgroupLayout::host();
  if (::geteuid() != 0 || host.kind == CgroupLayout::Kind::none) {
    WARN("SKIPPED: needs a root engine with cgroups (" << CgroupLayout::name(host.kind) << ")");
    return;
  }
  // A scratch folder the runs' uids can read (not /tmp, which tier A hides from runs).
  const fs::path root = "/var/cache/exengine-tests";
  fs::create_directories(root);
  std::string tmpl = (root / "sigkill-XXXXXX").string();
  REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
  const fs::path dir = tmpl;
  fs::permissions(dir, fs::perms::all);
  write_file(dir / "plugins" / "slow" / "plugin.toml",
             "[plugin]\nname = \"slow\"\ntitle = \"Slow\"\nversion = \"1.0.0\"\nabi = 2\n\n[[exercise]]\n"
             "id = \"slow/nap\"\ntitle = \"Nap\"\nprompt = \"Sleep.\"\n"
             "grader = { name = \"exact\", expected = \"done\\n\" }\n");
  for (int i = 0; i < 4; ++i) {
    write_file(dir / "class" / fmt::format("s{}", i) / "slow" / "nap.py", "import time\ntime.sleep(30)\nprint('done')\n");
  }
  const std::string args = fmt::format("--no-default-plugins --plugins {} grade {} --out {} --jobs 4", (dir / "plugins").string(),
                                       (dir / "class").string(), (dir / "out").string());
  const pid_t engine = ::fork();
  if (engine == 0) {
    ::setpgid(0, 0);
    const int null = ::open("/dev/null", O_RDWR);
    ::dup2(null, 1);
    ::dup2(null, 2);
    const std::string cmd = std::string(EXENGINE_BIN) + " " + args;
    ::execl("/bin/sh", "sh", "-c", ("exec " + cmd).c_str(), nullptr);
    ::_exit(127);
  }
  auto engine_run_dirs = [&] {
    std::vector<std::string> found;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(fmt::format("/tmp/exengine-runs-{}", ::geteuid()), ec)) {
      if (e.path().filename().string().rfind(fmt::format("run-{}-", engine), 0) == 0) found.push_back(e.path());
    }
    return found;
  };
  auto engine_cgroups = [&] {
    std::vector<std::string> found;
    for (const auto& h : {host.v1_pids, host.v1_memory, host.unified}) {
      if (h.empty()) continue;
      std::error_code ec;
      for (const auto& e : fs::recursive_directory_iterator(h, fs::directory_options::skip_permission_denied, ec)) {
        if (e.is_directory(ec) && e.path().filename() == fmt::format("exengine-{}", engine)) found.push_back(e.path());
      }
    }
    return found;
  };
  // Wait until its runs are under way: its run cgroups exist.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  bool running = false;
  while (!running && std::chrono::steady_clock::now() < deadline) {
    for (const auto& d : engine_cgroups()) {
      std::error_code ec;
      for (const auto& e : fs::directory_iterator(d, ec)) running |= e.path().filename().string().rfind("run-", 0) == 0;
    }
    if (!running) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  REQUIRE(running);
  ::kill(-engine, SIGKILL);  // the engine; its runs are in their own namespaces and cgroups
  ::waitpid(engine, nullptr, 0);
  CHECK_FALSE(engine_cgroups().empty());  // left behind, as after any SIGKILL
  CHECK_FALSE(engine_run_dirs().empty());
  // The next engine, for anything that runs a program, cleans up at its start.
  write_file(dir / "hello.py", "print('done')\n");
  CommandResult next = run_exengine(fmt::format("--no-default-plugins --plugins {} check --exercise slow/nap {}",
                                                (dir / "plugins").string(), (dir / "hello.py").string()));
  INFO(next.out << next.err);
  CHECK(next.exit_code == 0);
  CHECK(engine_cgroups() == std::vector<std::string>{});
  CHECK(engine_run_dirs() == std::vector<std::string>{});
  std::error_code ec;
  fs::remove_all(dir, ec);
}
