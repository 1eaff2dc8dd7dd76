#include "runner/sandbox_runner.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <deque>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

#include "runner/cgroup_backend.h"
#include "runner/run_directory.h"
#include "runner/run_uid_pool.h"
#include "runner/rlimits.h"
#include "runner/sandbox_root.h"

namespace exengine {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::size_t kMaxChannels = 8;  // RunSpec::channels (polled with the three pipes)

struct Fd {
  int fd = -1;
  Fd() = default;
  explicit Fd(int f) : fd(f) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  void reset(int f = -1) {
    if (fd >= 0) ::close(fd);
    fd = f;
  }
};

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// Grows with the file, never allocates the cap up front (the cap is Limits::file_size_kb, 16 MiB by
// default: zero-filling that per run cost milliseconds and made every running slot resident).
std::string read_file_capped(const fs::path& p, std::size_t cap) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return {};
  std::string s;
  char buf[1 << 16];
  while (s.size() < cap) {
    in.read(buf, static_cast<std::streamsize>(std::min(sizeof buf, cap - s.size())));
    const std::streamsize got = in.gcount();
    if (got <= 0) break;
    s.append(buf, static_cast<std::size_t>(got));
  }
  return s;
}

int threads_of(pid_t pid) {
  std::ifstream in(fmt::format("/proc/{}/status", pid));
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("Threads:", 0) == 0) return std::atoi(line.c_str() + 8);
  }
  return 0;
}

// Processes of the current real uid (RLIMIT_NPROC counts them all, not just this run's).
int processes_of_this_user() {
  int n = 0;
  const uid_t uid = ::getuid();
  std::error_code ec;
  for (const auto& e : fs::directory_iterator("/proc", ec)) {
    const std::string name = e.path().filename().string();
    if (name.empty() || name[0] < '1' || name[0] > '9') continue;
    struct stat st {};
    if (::stat(e.path().c_str(), &st) == 0 && st.st_uid == uid) {
      n += std::max(1, threads_of(std::atoi(name.c_str())));
    }
  }
  return n;
}

// Tasks (threads) of `root` and all its descendants, found by scanning /proc.
int tree_tasks(pid_t root) {
  std::map<pid_t, std::vector<pid_t>> children;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator("/proc", ec)) {
    const std::string name = e.path().filename().string();
    if (name.empty() || name[0] < '1' || name[0] > '9') continue;
    std::ifstream in(e.path() / "stat");
    std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto close_paren = stat.rfind(')');
    if (close_paren == std::string::npos) continue;
    std::istringstream rest(stat.substr(close_paren + 1));
    std::string state;
    pid_t ppid = 0;
    rest >> state >> ppid;
    children[ppid].push_back(std::atoi(name.c_str()));
  }
  int tasks = 0;
  std::vector<pid_t> todo{root};
  while (!todo.empty()) {
    pid_t p = todo.back();
    todo.pop_back();
    tasks += std::max(1, threads_of(p));
    for (pid_t c : children[p]) todo.push_back(c);
  }
  return tasks;
}

// Tier A's root: the toolchain's system paths, a minimal /etc naming the run's user, /dev, a
// private /tmp, /proc, the run's own readable files, and the chain to the run directory.
void build_root(SandboxRoot& root, const RunSpec& spec, const std::string& rundir, uid_t uid, gid_t gid) {
  // Private scratch space first: binds below it (a probe or program under /tmp) go on top.
  root.tmpfs("/tmp", "size=16m,nr_inodes=1024,mode=1777");
  root.tmpfs("/var/tmp", "size=1m,nr_inodes=64,mode=1777");
  root.dev("size=16m,nr_inodes=256,mode=1777");
  root.file("/etc/passwd", fmt::format("root:x:0:0:root:/:/usr/sbin/nologin\n"
                                       "run:x:{}:{}:exengine run:{}:/usr/sbin/nologin\n"
                                       "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n",
                                       uid, gid, rundir));
  root.file("/etc/group", fmt::format("root:x:0:\nrun:x:{}:\nnogroup:x:65534:\n", gid));
  root.file("/etc/nsswitch.conf", "passwd: files\ngroup: files\nhosts: files\n");
  root.file("/etc/hosts", "127.0.0.1 localhost\n::1 localhost\n");
  for (const auto& p : spec.system.empty() ? kDefaultSystemPaths : spec.system) root.bind(p);
  // The program itself (the interpreter is among the system paths; a compiled program is not).
  if (!spec.argv.empty()) root.bind(spec.argv[0]);
  for (const auto& p : spec.readable) root.bind(p);
  root.dir(rundir);
  root.proc();
}

bool contains(const std::string& hay, const char* needle) { return hay.find(needle) != std::string::npos; }

}  // namespace

SandboxRunner::SandboxRunner(SandboxTier tier, Launcher launcher)
    : tier_(std::move(tier)), launcher_(std::move(launcher)), reaper_(std::make_unique<RunReaper>()) {
  // A submission closing its end of a pipe must never kill the engine.
  ::signal(SIGPIPE, SIG_IGN);
}

RunOutcome SandboxRunner::run(const RunSpec& spec) {
  RunOutcome out;
  out.tier = tier_.tier;
  const Limits& lim = spec.limits;
  if (spec.argv.empty() || spec.argv[0].empty() || spec.argv[0][0] != '/') {
    out.start_error = fmt::format("cannot run '{}': the program must be an absolute path",
                                  spec.argv.empty() ? std::string() : spec.argv[0]);
    return out;
  }
  if (::access(spec.argv[0].c_str(), X_OK) != 0) {
    out.start_error = fmt::format("cannot run {}: {}", spec.argv[0], std::strerror(errno));
    return out;
  }
  const bool tier_a = tier_.tier == "A";
  const bool change_uid = tier_.root;
  const RunUid run_uid(change_uid);  // root: a uid no other run on the machine holds (run_uid_pool.h)
  const gid_t run_gid = change_uid ? run_uid : ::getgid();

  std::unique_ptr<RunDirectory> dir;
  std::unique_ptr<RunCgroup> cgroup;
  try {
    dir = std::make_unique<RunDirectory>(run_uid, run_gid, change_uid);
    for (const auto& [source, name] : spec.inputs) dir->add(source, name);
    if (tier_a && tier_.cgroups) cgroup = CgroupBackend::host().create(lim);
  } catch (const std::exception& e) {
    out.start_error = e.what();
    return out;
  }
  const std::string rundir = dir->path().string();

  int p_out[2], p_err[2], p_status[2];
  if (::pipe2(p_out, O_CLOEXEC) != 0) {
    out.start_error = fmt::format("cannot create a pipe: {}", std::strerror(errno));
    return out;
  }
  Fd out_r(p_out[0]), out_w(p_out[1]);
  if (::pipe2(p_err, O_CLOEXEC) != 0) {
    out.start_error = fmt::format("cannot create a pipe: {}", std::strerror(errno));
    return out;
  }
  Fd err_r(p_err[0]), err_w(p_err[1]);
  if (::pipe2(p_status, O_CLOEXEC) != 0) {
    out.start_error = fmt::format("cannot create a pipe: {}", std::strerror(errno));
    return out;
  }
  Fd status_r(p_status[0]), status_w(p_status[1]);
  // RunSpec::channels: the engine's ends, and the run's ends to inherit (targets ascending).
  struct Channel {
    int target = -1;
    Fd engine_end, run_end;
  };
  if (spec.channels.size() > kMaxChannels) {
    out.start_error = fmt::format("{} run channels: at most {}", spec.channels.size(), kMaxChannels);
    return out;
  }
  std::vector<Channel> channels(spec.channels.size());
  std::vector<InheritedFd> inherited;
  for (std::size_t i = 0; i < spec.channels.size(); ++i) {
    const RunChannel& c = spec.channels[i];
    if (c.fd < 3) {
      out.start_error = fmt::format("run channel at descriptor {}: must be 3 or above", c.fd);
      return out;
    }
    int p[2];
    if (::pipe2(p, O_CLOEXEC) != 0) {
      out.start_error = fmt::format("cannot create a pipe: {}", std::strerror(errno));
      return out;
    }
    channels[i].target = c.fd;
    channels[i].engine_end.reset(c.from_run ? p[0] : p[1]);
    channels[i].run_end.reset(c.from_run ? p[1] : p[0]);
    if (c.from_run) {
      ::fcntl(channels[i].engine_end.fd, F_SETFL, O_NONBLOCK);
    } else {
      // Small by contract: fits the pipe's buffer, so the write does not wait for the run.
      if (::write(channels[i].engine_end.fd, c.input.data(), c.input.size()) !=
          static_cast<ssize_t>(c.input.size())) {
        out.start_error = fmt::format("cannot fill run channel {}: {}", c.fd, std::strerror(errno));
        return out;
      }
      channels[i].engine_end.reset();
    }
  }
  for (const auto& c : channels) inherited.push_back({c.run_end.fd, c.target});
  std::sort(inherited.begin(), inherited.end(), [](const auto& a, const auto& b) { return a.target < b.target; });
  for (auto& f : inherited) {
    // A source numbered like some target would be overwritten by an earlier dup2: move it above.
    const bool clash = std::any_of(inherited.begin(), inherited.end(), [&](const auto& g) { return g.target == f.fd; });
    if (clash) {
      const int moved = ::fcntl(f.fd, F_DUPFD_CLOEXEC, inherited.back().target + 1);
      for (auto& c : channels) if (c.run_end.fd == f.fd) c.run_end.reset(moved);
      f.fd = moved;
    }
  }

  // The plan; every string it points to lives in this frame until the run ends.
  ChildPlan plan;
  plan.stdout_fd = out_w.fd;
  plan.stderr_fd = err_w.fd;
  plan.status_fd = status_w.fd;
  plan.rundir = rundir.c_str();
  plan.engine_pid = ::getpid();
  plan.change_uid = change_uid;
  plan.uid = run_uid;
  plan.gid = run_gid;
  std::string uid_map = fmt::format("{} {} 1\n", ::getuid(), ::getuid());
  std::string gid_map = fmt::format("{} {} 1\n", ::getgid(), ::getgid());
  // Tier A's root, the copies in and out of the run's tmpfs and the hidden folders: owned here.
  SandboxRoot root;
  std::deque<std::string> names;
  std::vector<const char*> copy_in_dirs, copy_in, copy_out, hidden;
  std::string rundir_options;
  if (tier_a) {
    plan.namespaces = true;
    plan.user_namespace = tier_.user_namespace;
    plan.uid_map = uid_map.c_str();
    plan.gid_map = gid_map.c_str();
    build_root(root, spec, rundir, run_uid, run_gid);
    plan.root_steps = root.steps();
    plan.n_root_steps = root.size();
    plan.old_rundir = root.outside(rundir);
    plan.new_rundir = root.inside(rundir);
    rundir_options = fmt::format("size={}k,nr_inodes={},mode=0700,uid={},gid={}",
                                 std::max<std::int64_t>(4, lim.disk_mb * 1024),
                                 std::max<std::int64_t>(16, lim.disk_files), run_uid, run_gid);
    plan.rundir_options = rundir_options.c_str();
    auto name = [&](const std::string& s) {
      names.push_back(s);
      return names.back().c_str();
    };
    std::set<std::string> made;
    for (const auto& [source, n] : spec.inputs) {
      fs::path sub;
      for (const auto& part : fs::path(n).parent_path()) {
        sub /= part;
        if (made.insert(sub.string()).second) copy_in_dirs.push_back(name(sub.string()));
      }
      copy_in.push_back(name(fs::path(n).lexically_normal().string()));
    }
    auto hand_back = [&](const std::string& n) {
      if (n.empty() || fs::path(n).is_absolute()) return;
      std::error_code ec;
      if (fs::path(n).has_parent_path()) fs::create_directories(dir->path() / fs::path(n).parent_path(), ec);
      copy_out.push_back(name(n));
    };
    for (const auto& n : spec.collect) hand_back(n);
    for (const auto& kv : spec.keep) hand_back(kv.first);
    plan.copy_in_dirs = copy_in_dirs.data();
    plan.n_copy_in_dirs = static_cast<int>(copy_in_dirs.size());
    plan.copy_in = copy_in.data();
    plan.n_copy_in = static_cast<int>(copy_in.size());
    plan.copy_out = copy_out.data();
    plan.n_copy_out = static_cast<int>(copy_out.size());
    plan.copy_out_cap = static_cast<std::size_t>(std::max<std::int64_t>(0, lim.file_size_kb)) * 1024;
    for (const auto& h : spec.hidden) {
      if (root.visible(h)) hidden.push_back(root.inside(h.lexically_normal()));
    }
    plan.hidden = hidden.data();
    plan.n_hidden = static_cast<int>(hidden.size());
  }
  if (cgroup) {
    for (int fd : cgroup->procs_fds()) {
      if (plan.n_cgroup_fds == kMaxCgroupFds) throw std::logic_error("more cgroups than ChildPlan holds");
      plan.cgroup_procs_fds[plan.n_cgroup_fds++] = fd;
    }
  }
  // Tier A with cgroups: the pids and memory cgroups limit; otherwise rlimits must.
  rlim_t nproc = 0;
  if (!cgroup) {
    nproc = static_cast<rlim_t>(lim.processes) + (change_uid ? 0 : processes_of_this_user());
  }
  plan.rlimits = RlimitPlan::from(lim, !cgroup, nproc);
  plan.inherited = inherited.data();
  plan.n_inherited = static_cast<int>(inherited.size());

  std::vector<std::string> env;
  bool has_home = false, has_tmpdir = false;
  for (const auto& [k, v] : spec.env) {
    env.push_back(k + "=" + v);
    has_home |= k == "HOME";
    has_tmpdir |= k == "TMPDIR";
  }
  if (!has_home) env.push_back("HOME=" + rundir);
  if (!has_tmpdir) env.push_back("TMPDIR=" + rundir);

  const auto t0 = Clock::now();
  std::string launch_error;
  const pid_t child = launcher_(spec.argv, env, plan, launch_error);
  out_w.reset();
  err_w.reset();
  status_w.reset();
  for (auto& c : channels) c.run_end.reset();  // only the run holds its ends now
  if (child <= 0) {
    out.start_error = fmt::format("cannot start {}: {}", spec.argv[0], launch_error);
    return out;
  }
  out.started = true;
  Fd pidfd(static_cast<int>(::syscall(SYS_pidfd_open, child, 0)));

  pid_t killable = 0;
  bool main_done = false;
  int main_status = 0;
  int reaped = -1;
  std::string status_buf;
  Fd killable_pidfd;  // opened when the supervisor names it: a signal never reaches a recycled pid
  auto kill_tree = [&] {
    if (killable > 0) {
      if (!tier_a) ::kill(-killable, SIGKILL);
      if (killable_pidfd.fd >= 0) ::syscall(SYS_pidfd_send_signal, killable_pidfd.fd, SIGKILL, nullptr, 0);
    } else {
      ::kill(child, SIGKILL);
    }
    // Tier A: init's death ends every process of its PID namespace, and the relay (also in the
    // cgroup) must live on to reap init; the cgroup kill is for when init is not known yet.
    if (cgroup && (!tier_a || killable <= 0)) cgroup->kill();
  };
  const auto cap = static_cast<std::size_t>(std::max<std::int64_t>(0, lim.output_bytes));
  auto read_status = [&] {
    char buf[256];
    ssize_t n = ::read(status_r.fd, buf, sizeof buf);
    if (n <= 0) {
      status_r.reset();
      return;
    }
    status_buf.append(buf, static_cast<std::size_t>(n));
    while (status_buf.size() >= sizeof(StatusMessage)) {
      StatusMessage m;
      std::memcpy(&m, status_buf.data(), sizeof m);
      status_buf.erase(0, sizeof m);
      if (m.kind == StatusMessage::killable) {
        // Its parent (the relay, or the supervisor) reaps it only after sending this, and is still
        // alive while this pipe is open: the pid is not yet free for another process.
        killable = m.value;
        killable_pidfd.reset(static_cast<int>(::syscall(SYS_pidfd_open, killable, 0)));
      }
      if (m.kind == StatusMessage::main_exited && !main_done) {
        main_done = true;
        main_status = m.value;
        out.wall_ms = ms_since(t0);
      }
      if (m.kind == StatusMessage::setup_failed) {
        out.started = false;
        out.start_error = fmt::format("the sandbox failed while {}: {}", child_step_name(m.step),
                                      std::strerror(m.value));
      }
      if (m.kind == StatusMessage::reaped) reaped = m.value;
      if (m.kind == StatusMessage::main_pid) out.main_pid = m.value;
      if (m.kind == StatusMessage::tasks_created) out.tasks_created = m.value;
      if (m.kind == StatusMessage::rundir_full) out.disk_full = m.value;
    }
  };
  // A channel the run writes: read all of it (a writer never blocks on a full pipe), keep the cap.
  // While the run lives, a bounded number of reads per wake-up, so a flood cannot starve the loop.
  auto read_channel = [&](Channel& c, bool to_the_end) {
    ChannelBytes& into = out.channels[c.target];
    char buf[65536];
    for (int reads = 0; to_the_end || reads < 16; ++reads) {
      const ssize_t n = ::read(c.engine_end.fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && errno == EAGAIN) return;
      if (n <= 0) {
        c.engine_end.reset();
        return;
      }
      const std::size_t room = cap > into.bytes.size() ? cap - into.bytes.size() : 0;
      into.bytes.append(buf, std::min(room, static_cast<std::size_t>(n)));
      if (static_cast<std::size_t>(n) > room) into.overflowed = true;
    }
  };
  for (auto& c : channels)
    if (c.engine_end.fd >= 0) out.channels[c.target];  // present, even when nothing arrives
  auto channels_open = [&] {
    return std::any_of(channels.begin(), channels.end(), [](const Channel& c) { return c.engine_end.fd >= 0; });
  };
  auto read_stream = [&](Fd& fd, std::string& into, bool is_stdout) {
    char buf[65536];
    std::size_t room = cap > into.size() ? cap - into.size() : 0;
    ssize_t n = ::read(fd.fd, buf, std::min(sizeof buf, room + 1));
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) return;
    if (n <= 0) {
      fd.reset();
      return;
    }
    const std::size_t take = std::min(static_cast<std::size_t>(n), room);
    if (is_stdout && take > 0) out.timeline.push_back({into.size(), ms_since(t0)});
    into.append(buf, take);
    if (static_cast<std::size_t>(n) > room) {
      // Past the cap: stop reading and end the run.
      if (!main_done && !out.output_limited) {
        out.killed_by_runner = true;
        kill_tree();
      }
      out.output_limited = true;
      fd.reset();
    }
  };

  const auto wall_deadline = t0 + std::chrono::duration_cast<Clock::duration>(
                                      std::chrono::duration<double>(lim.wall_s));
  std::optional<Clock::time_point> drain_deadline;
  bool child_exited = false;
  bool forced = false;
  std::optional<Clock::time_point> copy_wait_until;
  // The relay's own exit waits for the kernel to tear down the run's namespaces (an RCU grace
  // period: milliseconds on a loaded machine). With cgroups, nothing of the outcome depends on it.
  const bool defer_relay = tier_a && cgroup != nullptr;
  auto next_cpu_check = t0 + std::chrono::milliseconds(100);
  for (;;) {
    if (main_done && !drain_deadline) {
      // Judge on the main process's exit; the supervisor is killing the rest. Orphans holding a
      // pipe die with it; give the pipes a short while to deliver what was written.
      drain_deadline = Clock::now() + std::chrono::milliseconds(500);
    }
    if (child_exited && out_r.fd < 0 && err_r.fd < 0 && status_r.fd < 0 && !channels_open()) break;
    // Tier A with cgroups: init reported the tree reaped and has exited (status at EOF): only the
    // relay is left, exiting; its end is the reaper's (see defer_relay below).
    if (defer_relay && reaped >= 0 && out_r.fd < 0 && err_r.fd < 0 && status_r.fd < 0 && !channels_open()) break;
    const auto now = Clock::now();
    if (!main_done && !out.killed_by_runner && now >= wall_deadline) {
      out.timeout = TimeoutKind::wall;
      out.killed_by_runner = true;
      // Besides the main thread of the main process (and init in tier A), what was still running.
      if (killable > 0) out.leftover_processes = std::max(0, tree_tasks(killable) - (tier_a ? 2 : 1));
      out.wall_ms = ms_since(t0);
      kill_tree();
      drain_deadline = Clock::now() + std::chrono::milliseconds(500);
    }
    if (spec.cancel && !main_done && !out.killed_by_runner && spec.cancel->load()) {
      out.cancelled = true;
      out.killed_by_runner = true;
      out.wall_ms = ms_since(t0);
      kill_tree();
      drain_deadline = Clock::now() + std::chrono::milliseconds(500);
    }
    if (cgroup && !main_done && !out.killed_by_runner && now >= next_cpu_check) {
      next_cpu_check = now + std::chrono::milliseconds(100);
      if (cgroup->cpu_ms() > lim.cpu_s * 1000) {
        out.timeout = TimeoutKind::cpu;
        out.killed_by_runner = true;
        out.wall_ms = ms_since(t0);
        kill_tree();
        drain_deadline = Clock::now() + std::chrono::milliseconds(500);
      }
    }
    if (drain_deadline && now >= *drain_deadline && tier_a && main_done && !forced && reaped < 0 &&
        status_r.fd >= 0 && out_r.fd < 0 && err_r.fd < 0 && !copy_wait_until) {
      // Init has killed the tree (the pipes are closed) and is copying the results out of the
      // run's tmpfs (a precompiled header: tens of MiB): give its report a while longer.
      copy_wait_until = now + std::chrono::seconds(10);
      drain_deadline = copy_wait_until;
    }
    if (drain_deadline && now >= *drain_deadline) {
      if (!child_exited && !forced) {
        // The supervisor did not finish its kill in time: end everything from here.
        forced = true;
        // Tier A: killing init ends the namespace and the relay then exits by itself; killing the
        // relay first would orphan init to whatever reaper is above the engine.
        if (!tier_a) ::kill(child, SIGKILL);
        kill_tree();
        drain_deadline = now + std::chrono::milliseconds(100);
      } else {
        break;
      }
    }
    pollfd fds[4 + kMaxChannels];
    int n = 0;
    int i_channel[kMaxChannels];
    for (std::size_t k = 0; k < channels.size(); ++k) {
      i_channel[k] = -1;
      if (channels[k].engine_end.fd >= 0) { i_channel[k] = n; fds[n++] = {channels[k].engine_end.fd, POLLIN, 0}; }
    }
    int i_out = -1, i_err = -1, i_status = -1, i_pid = -1;
    if (out_r.fd >= 0) { i_out = n; fds[n++] = {out_r.fd, POLLIN, 0}; }
    if (err_r.fd >= 0) { i_err = n; fds[n++] = {err_r.fd, POLLIN, 0}; }
    if (status_r.fd >= 0) { i_status = n; fds[n++] = {status_r.fd, POLLIN, 0}; }
    if (!child_exited && pidfd.fd >= 0) { i_pid = n; fds[n++] = {pidfd.fd, POLLIN, 0}; }
    auto until = drain_deadline ? *drain_deadline : wall_deadline;
    if (cgroup && !main_done) until = std::min(until, next_cpu_check);
    int timeout_ms = static_cast<int>(
        std::chrono::ceil<std::chrono::milliseconds>(until - now).count());
    if (pidfd.fd < 0 && !child_exited) timeout_ms = std::min(timeout_ms, 10);
    if (spec.cancel && !main_done) timeout_ms = std::min(timeout_ms, 50);
    int r = ::poll(fds, static_cast<nfds_t>(n), std::max(0, timeout_ms));
    if (r < 0 && errno != EINTR) break;
    if (i_status >= 0 && fds[i_status].revents) read_status();
    if (i_out >= 0 && fds[i_out].revents) read_stream(out_r, out.out, true);
    if (i_err >= 0 && fds[i_err].revents) read_stream(err_r, out.err, false);
    for (std::size_t k = 0; k < channels.size(); ++k)
      if (i_channel[k] >= 0 && fds[i_channel[k]].revents) read_channel(channels[k], false);
    bool exited_now = i_pid >= 0 && fds[i_pid].revents != 0;
    if (pidfd.fd < 0 && !child_exited) {
      siginfo_t si{};
      exited_now = ::waitid(P_PID, static_cast<id_t>(child), &si, WEXITED | WNOHANG | WNOWAIT) == 0 &&
                   si.si_pid == child;
    }
    if (exited_now) {
      child_exited = true;
      if (!drain_deadline) drain_deadline = Clock::now() + std::chrono::milliseconds(500);
    }
  }
  // Make sure nothing of the run survives, then reap the first process (or let the reaper do it).
  // Tier A: init is killed (kill_tree), never the relay, which reaps init and exits by itself (or
  // is the reaper's to wait for); killing the relay would leave init a zombie of whatever reaper is
  // above the engine. Tier B: the supervisor is killed once its tree's group is.
  const bool relay_exiting = defer_relay && !child_exited;
  kill_tree();
  if (!tier_a && !child_exited) ::kill(child, SIGKILL);
  int child_status = 0;
  rusage ru{};
  if (!relay_exiting && !child_exited && pidfd.fd >= 0) {
    // The relay exits within milliseconds of init; a relay that does not is killed after 5 s.
    pollfd pfd{pidfd.fd, POLLIN, 0};
    while (::poll(&pfd, 1, 5000) < 0 && errno == EINTR) {
    }
    if (pfd.revents == 0) ::kill(child, SIGKILL);
  }
  while (!relay_exiting && ::wait4(child, &child_status, __WALL, &ru) < 0 && errno == EINTR) {
  }
  while (status_r.fd >= 0) read_status();  // whatever the supervisor wrote before it ended
  for (auto& c : channels)
    if (c.engine_end.fd >= 0) read_channel(c, true);  // what is in the pipe (writers may still hold it)

  // The run's cgroups and (tier A) exiting relay go to the reaper on every return below; the run
  // directory is removed before run() returns (callers rely on it).
  struct HandOver {
    RunReaper& reaper;
    RunReaper::Leftovers left;
    ~HandOver() { reaper.give(std::move(left)); }
  } hand_over{*reaper_, {}};
  hand_over.left.pid = relay_exiting ? child : -1;
  if (!out.started) {
    hand_over.left.cgroup = std::move(cgroup);
    return out;
  }
  if (main_done) {
    if (WIFSIGNALED(main_status)) {
      out.signal = WTERMSIG(main_status);
    } else if (WIFEXITED(main_status)) {
      out.exit_code = WEXITSTATUS(main_status);
    }
  } else {
    // Killed by us before the supervisor could report (timeout, output cap, or a failure).
    out.signal = SIGKILL;
    out.killed_by_runner = true;
    if (out.wall_ms == 0) out.wall_ms = ms_since(t0);
  }
  if (reaped > 0 && out.timeout == TimeoutKind::none) out.leftover_processes = reaped;
  const double ru_cpu = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000.0 +
                        (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000.0;
  out.cpu_ms = ru_cpu;
  out.peak_rss_kb = ru.ru_maxrss;
  if (cgroup) {
    if (double c = cgroup->cpu_ms(); c >= 0) out.cpu_ms = c;
    if (auto p = cgroup->peak_kb(); p > 0) out.peak_rss_kb = p;
    out.memory_exceeded = cgroup->oom_killed();
    out.process_limit_hit = cgroup->pids_limit_hit();
  }
  const bool failed = out.signal != 0 || out.exit_code != 0;
  if (!cgroup && failed) {
    // Without a memory cgroup, RLIMIT_AS makes the allocator fail: the program says so itself.
    out.memory_exceeded = contains(out.err, "MemoryError") || contains(out.err, "std::bad_alloc") ||
                          contains(out.err, "Cannot allocate memory");
  }
  if (!cgroup && failed) {
    out.process_limit_hit = contains(out.err, "can't start new thread") ||
                            contains(out.err, "Resource temporarily unavailable");
  }
  if (out.signal == SIGXCPU && out.timeout == TimeoutKind::none) out.timeout = TimeoutKind::cpu;

  for (const auto& name : spec.collect) {
    fs::path p = fs::path(name).is_absolute() ? fs::path(name) : dir->path() / name;
    std::error_code ec;
    if (fs::is_regular_file(fs::symlink_status(p, ec))) {
      out.collected[name] = read_file_capped(p, static_cast<std::size_t>(lim.file_size_kb) * 1024);
    }
  }
  for (const auto& [name, dest] : spec.keep) {
    std::error_code ec;
    fs::path p = dir->path() / name;
    if (fs::is_regular_file(fs::symlink_status(p, ec))) {
      fs::copy_file(p, dest, fs::copy_options::overwrite_existing, ec);
    }
  }
  hand_over.left.cgroup = std::move(cgroup);
  return out;
}

}  // namespace exengine
