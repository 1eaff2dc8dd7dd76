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
#include <deque>
#include <set>
#include <sstream>
#include <stdexcept>
#include <utility>

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

// pidfd_send_signal's flag (Linux 6.9) for the process group of the pidfd's process. The group is
// named by the process's struct pid, not its number: it reaches the group even after its leader was
// reaped, and never a process that was given the number since.
constexpr unsigned kPidfdSignalProcessGroup = 1u << 2;

int pidfd_open(pid_t pid) { return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)); }
int pidfd_signal(int pidfd, int sig, unsigned flags = 0) {
  return static_cast<int>(::syscall(SYS_pidfd_send_signal, pidfd, sig, nullptr, flags));
}
// The process of `pidfd` has exited (it may be a zombie, or reaped).
bool pidfd_exited(int pidfd) {
  pollfd p{pidfd, POLLIN, 0};
  return ::poll(&p, 1, 0) != 0;
}

// RunSpec::channels: the engine's end, and the run's end to inherit.
struct Channel {
  int target = -1;
  Fd engine_end, run_end;
};

// The plan builder: the pipes, the channels, tier A's root, the copies in and out, the
// environment, and the ChildPlan the child reads, whose every string points into this object.
// Built before the fork; lives (unmoved) until the run ends.
class RunPlan {
 public:
  RunPlan() = default;
  RunPlan(const RunPlan&) = delete;
  RunPlan& operator=(const RunPlan&) = delete;

  // Empty, or why the run cannot start.
  std::string build(const RunSpec& spec, const SandboxTier& tier, const RunDirectory& dir, uid_t uid, gid_t gid,
                    const RunCgroup* cgroup);
  // After the launch: only the run holds its ends now.
  void close_run_ends() {
    out_w.reset();
    err_w.reset();
    status_w.reset();
    for (auto& c : channels) c.run_end.reset();
  }

  ChildPlan child;
  std::vector<std::string> env;
  Fd out_r, out_w, err_r, err_w, status_r, status_w;
  std::vector<Channel> channels;

 private:
  std::string pipes();
  std::string make_channels(const RunSpec& spec);
  void tier_a_root(const RunSpec& spec, const RunDirectory& dir, uid_t uid, gid_t gid);

  std::string rundir_, uid_map_, gid_map_, rundir_options_;
  SandboxRoot root_;
  std::deque<std::string> names_;
  std::vector<const char*> copy_in_dirs_, copy_in_, copy_out_, hidden_;
  std::vector<InheritedFd> inherited_;
};

std::string RunPlan::pipes() {
  for (auto [read_end, write_end] : {std::pair{&out_r, &out_w}, {&err_r, &err_w}, {&status_r, &status_w}}) {
    int p[2];
    if (::pipe2(p, O_CLOEXEC) != 0) return fmt::format("cannot create a pipe: {}", std::strerror(errno));
    read_end->reset(p[0]);
    write_end->reset(p[1]);
  }
  return {};
}

std::string RunPlan::make_channels(const RunSpec& spec) {
  if (spec.channels.size() > kMaxChannels)
    return fmt::format("{} run channels: at most {}", spec.channels.size(), kMaxChannels);
  channels = std::vector<Channel>(spec.channels.size());
  for (std::size_t i = 0; i < spec.channels.size(); ++i) {
    const RunChannel& c = spec.channels[i];
    if (c.fd < 3) return fmt::format("run channel at descriptor {}: must be 3 or above", c.fd);
    int p[2];
    if (::pipe2(p, O_CLOEXEC) != 0) return fmt::format("cannot create a pipe: {}", std::strerror(errno));
    channels[i].target = c.fd;
    channels[i].engine_end.reset(c.from_run ? p[0] : p[1]);
    channels[i].run_end.reset(c.from_run ? p[1] : p[0]);
    if (c.from_run) {
      ::fcntl(channels[i].engine_end.fd, F_SETFL, O_NONBLOCK);
    } else {
      // Small by contract: fits the pipe's buffer, so the write does not wait for the run.
      if (::write(channels[i].engine_end.fd, c.input.data(), c.input.size()) != static_cast<ssize_t>(c.input.size()))
        return fmt::format("cannot fill run channel {}: {}", c.fd, std::strerror(errno));
      channels[i].engine_end.reset();
    }
  }
  for (const auto& c : channels) inherited_.push_back({c.run_end.fd, c.target});
  std::sort(inherited_.begin(), inherited_.end(), [](const auto& a, const auto& b) { return a.target < b.target; });
  for (auto& f : inherited_) {
    // A source numbered like some target would be overwritten by an earlier dup2: move it above.
    const bool clash = std::any_of(inherited_.begin(), inherited_.end(), [&](const auto& g) { return g.target == f.fd; });
    if (clash) {
      const int moved = ::fcntl(f.fd, F_DUPFD_CLOEXEC, inherited_.back().target + 1);
      for (auto& c : channels)
        if (c.run_end.fd == f.fd) c.run_end.reset(moved);
      f.fd = moved;
    }
  }
  return {};
}

void RunPlan::tier_a_root(const RunSpec& spec, const RunDirectory& dir, uid_t uid, gid_t gid) {
  const Limits& lim = spec.limits;
  build_root(root_, spec, rundir_, uid, gid);
  child.root_steps = root_.steps();
  child.n_root_steps = root_.size();
  child.old_rundir = root_.outside(rundir_);
  child.new_rundir = root_.inside(rundir_);
  rundir_options_ = fmt::format("size={}k,nr_inodes={},mode=0700,uid={},gid={}",
                                std::max<std::int64_t>(4, lim.disk_mb * 1024), std::max<std::int64_t>(16, lim.disk_files),
                                uid, gid);
  child.rundir_options = rundir_options_.c_str();
  auto name = [this](const std::string& s) {
    names_.push_back(s);
    return names_.back().c_str();
  };
  std::set<std::string> made;
  for (const auto& [source, n] : spec.inputs) {
    fs::path sub;
    for (const auto& part : fs::path(n).parent_path()) {
      sub /= part;
      if (made.insert(sub.string()).second) copy_in_dirs_.push_back(name(sub.string()));
    }
    copy_in_.push_back(name(fs::path(n).lexically_normal().string()));
  }
  auto hand_back = [&](const std::string& n) {
    if (n.empty() || fs::path(n).is_absolute()) return;
    std::error_code ec;
    if (fs::path(n).has_parent_path()) fs::create_directories(dir.path() / fs::path(n).parent_path(), ec);
    copy_out_.push_back(name(n));
  };
  for (const auto& n : spec.collect) hand_back(n);
  for (const auto& kv : spec.keep) hand_back(kv.first);
  child.copy_in_dirs = copy_in_dirs_.data();
  child.n_copy_in_dirs = static_cast<int>(copy_in_dirs_.size());
  child.copy_in = copy_in_.data();
  child.n_copy_in = static_cast<int>(copy_in_.size());
  child.copy_out = copy_out_.data();
  child.n_copy_out = static_cast<int>(copy_out_.size());
  child.copy_out_cap = static_cast<std::size_t>(std::max<std::int64_t>(0, lim.file_size_kb)) * 1024;
  for (const auto& h : spec.hidden)
    if (root_.visible(h)) hidden_.push_back(root_.inside(h.lexically_normal()));
  child.hidden = hidden_.data();
  child.n_hidden = static_cast<int>(hidden_.size());
}

std::string RunPlan::build(const RunSpec& spec, const SandboxTier& tier, const RunDirectory& dir, uid_t uid,
                           gid_t gid, const RunCgroup* cgroup) {
  const Limits& lim = spec.limits;
  const bool tier_a = tier.tier == "A";
  rundir_ = dir.path().string();
  if (std::string e = pipes(); !e.empty()) return e;
  if (std::string e = make_channels(spec); !e.empty()) return e;
  child.stdout_fd = out_w.fd;
  child.stderr_fd = err_w.fd;
  child.status_fd = status_w.fd;
  child.rundir = rundir_.c_str();
  child.engine_pid = ::getpid();
  child.change_uid = tier.root;
  child.uid = uid;
  child.gid = gid;
  uid_map_ = fmt::format("{} {} 1\n", ::getuid(), ::getuid());
  gid_map_ = fmt::format("{} {} 1\n", ::getgid(), ::getgid());
  if (tier_a) {
    child.namespaces = true;
    child.user_namespace = tier.user_namespace;
    child.uid_map = uid_map_.c_str();
    child.gid_map = gid_map_.c_str();
    tier_a_root(spec, dir, uid, gid);
  }
  if (cgroup) {
    for (int fd : cgroup->procs_fds()) {
      if (child.n_cgroup_fds == kMaxCgroupFds) throw std::logic_error("more cgroups than ChildPlan holds");
      child.cgroup_procs_fds[child.n_cgroup_fds++] = fd;
    }
  }
  // Tier A with cgroups: the pids and memory cgroups limit; otherwise rlimits must.
  rlim_t nproc = 0;
  if (!cgroup) nproc = static_cast<rlim_t>(lim.processes) + (tier.root ? 0 : processes_of_this_user());
  child.rlimits = RlimitPlan::from(lim, !cgroup, nproc);
  child.inherited = inherited_.data();
  child.n_inherited = static_cast<int>(inherited_.size());

  bool has_home = false, has_tmpdir = false;
  for (const auto& [k, v] : spec.env) {
    env.push_back(k + "=" + v);
    has_home |= k == "HOME";
    has_tmpdir |= k == "TMPDIR";
  }
  if (!has_home) env.push_back("HOME=" + rundir_);
  if (!has_tmpdir) env.push_back("TMPDIR=" + rundir_);
  return {};
}

// The event loop: reads the run's pipes and the supervisor's status, enforces the wall, CPU and
// output limits, and ends with every process of the run dead and the first one reaped (or, tier A
// with cgroups, its relay handed to the reaper). Every signal goes through a pidfd, so none can
// reach a pid that was reaped and given to another process; the first process (`child`) is this
// engine's own child, whose pid stays its own until wait4 below.
class RunLoop {
 public:
  RunLoop(RunPlan& plan, RunOutcome& out, const Limits& lim, bool tier_a, RunCgroup* cgroup, pid_t child,
          Clock::time_point t0, const std::atomic<bool>* cancel)
      : plan_(plan),
        out_(out),
        lim_(lim),
        tier_a_(tier_a),
        cgroup_(cgroup),
        child_(child),
        t0_(t0),
        cancel_(cancel),
        cap_(static_cast<std::size_t>(std::max<std::int64_t>(0, lim.output_bytes))),
        pidfd_(pidfd_open(child)),
        // The relay's own exit waits for the kernel to tear down the run's namespaces (an RCU grace
        // period: milliseconds on a loaded machine). With cgroups, nothing of the outcome depends on it.
        defer_relay_(tier_a && cgroup != nullptr) {
    for (auto& c : plan_.channels)
      if (c.engine_end.fd >= 0) out_.channels[c.target];  // present, even when nothing arrives
  }

  void run();     // until the pipes close and the first process has exited, or the last deadline
  void finish();  // kills what is left and reaps the first process; reads what the pipes still hold

  // What the supervisor reported.
  bool main_done = false;
  int main_status = 0;
  int reaped = -1;
  // The first process's resource usage (wait4); zero when the relay was handed to the reaper.
  rusage ru{};
  bool relay_exiting = false;  // tier A with cgroups: the relay is still exiting (the reaper's)

 private:
  void read_status();
  void read_channel(Channel& c, bool to_the_end);
  void read_stream(Fd& fd, std::string& into, bool is_stdout);
  bool channels_open() const {
    return std::any_of(plan_.channels.begin(), plan_.channels.end(),
                       [](const Channel& c) { return c.engine_end.fd >= 0; });
  }
  bool pipes_closed() const {
    return plan_.out_r.fd < 0 && plan_.err_r.fd < 0 && plan_.status_r.fd < 0 && !channels_open();
  }
  void kill_child();
  void kill_tree();
  void stop(TimeoutKind why);

  RunPlan& plan_;
  RunOutcome& out_;
  const Limits& lim_;
  const bool tier_a_;
  RunCgroup* cgroup_;
  const pid_t child_;
  const Clock::time_point t0_;
  const std::atomic<bool>* cancel_;  // RunSpec::cancel: seen within 50 ms
  const std::size_t cap_;
  Fd pidfd_;
  const bool defer_relay_;
  pid_t killable_ = 0;
  Fd killable_pidfd_;  // opened when the supervisor names it, while its parent still holds it
  std::string status_buf_;
  bool child_exited_ = false;
  bool forced_ = false;
  std::optional<Clock::time_point> drain_deadline_, copy_wait_until_;
};

void RunLoop::kill_child() {
  // Not reaped before finish()'s wait4: the pid is this engine's child's, whatever it did.
  if (pidfd_.fd < 0 || pidfd_signal(pidfd_.fd, SIGKILL) != 0) ::kill(child_, SIGKILL);
}

void RunLoop::kill_tree() {
  if (killable_ > 0) {
    if (killable_pidfd_.fd >= 0) {
      if (tier_a_) {
        pidfd_signal(killable_pidfd_.fd, SIGKILL);  // init: its death ends the PID namespace
      } else if (pidfd_signal(killable_pidfd_.fd, SIGKILL, kPidfdSignalProcessGroup) != 0 && errno == EINVAL) {
        // A kernel before 6.9: the group by its number, only while its leader has not exited (its
        // number then names this group and no other); after that the supervisor kills the group.
        if (!pidfd_exited(killable_pidfd_.fd)) ::kill(-killable_, SIGKILL);
        pidfd_signal(killable_pidfd_.fd, SIGKILL);
      }
    }
    // No pidfd: the process had already gone when it was named, and its supervisor ends the rest.
  } else {
    kill_child();
  }
  // Tier A: init's death ends every process of its PID namespace, and the relay (also in the
  // cgroup) must live on to reap init; the cgroup kill is for when init is not known yet.
  if (cgroup_ && (!tier_a_ || killable_ <= 0)) cgroup_->kill();
}

void RunLoop::stop(TimeoutKind why) {
  if (why != TimeoutKind::none) out_.timeout = why;
  out_.killed_by_runner = true;
  out_.wall_ms = ms_since(t0_);
  kill_tree();
  drain_deadline_ = Clock::now() + std::chrono::milliseconds(500);
}

void RunLoop::read_status() {
  char buf[256];
  ssize_t n = ::read(plan_.status_r.fd, buf, sizeof buf);
  if (n <= 0) {
    plan_.status_r.reset();
    return;
  }
  status_buf_.append(buf, static_cast<std::size_t>(n));
  while (status_buf_.size() >= sizeof(StatusMessage)) {
    StatusMessage m;
    std::memcpy(&m, status_buf_.data(), sizeof m);
    status_buf_.erase(0, sizeof m);
    if (m.kind == StatusMessage::killable) {
      // Its parent (the relay, or the supervisor) reaps it only after sending this, and is still
      // alive while this pipe is open: the pid is not yet free for another process.
      killable_ = m.value;
      killable_pidfd_.reset(pidfd_open(killable_));
    }
    if (m.kind == StatusMessage::main_exited && !main_done) {
      main_done = true;
      main_status = m.value;
      out_.wall_ms = ms_since(t0_);
    }
    if (m.kind == StatusMessage::setup_failed) {
      out_.started = false;
      out_.start_error =
          fmt::format("the sandbox failed while {}: {}", child_step_name(m.step), std::strerror(m.value));
    }
    if (m.kind == StatusMessage::reaped) reaped = m.value;
    if (m.kind == StatusMessage::main_pid) out_.main_pid = m.value;
    if (m.kind == StatusMessage::tasks_created) out_.tasks_created = m.value;
    if (m.kind == StatusMessage::rundir_full) out_.disk_full = m.value;
  }
}

// A channel the run writes: read all of it (a writer never blocks on a full pipe), keep the cap.
// While the run lives, a bounded number of reads per wake-up, so a flood cannot starve the loop.
void RunLoop::read_channel(Channel& c, bool to_the_end) {
  ChannelBytes& into = out_.channels[c.target];
  char buf[65536];
  for (int reads = 0; to_the_end || reads < 16; ++reads) {
    const ssize_t n = ::read(c.engine_end.fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) return;
    if (n <= 0) {
      c.engine_end.reset();
      return;
    }
    const std::size_t room = cap_ > into.bytes.size() ? cap_ - into.bytes.size() : 0;
    into.bytes.append(buf, std::min(room, static_cast<std::size_t>(n)));
    if (static_cast<std::size_t>(n) > room) into.overflowed = true;
  }
}

void RunLoop::read_stream(Fd& fd, std::string& into, bool is_stdout) {
  char buf[65536];
  std::size_t room = cap_ > into.size() ? cap_ - into.size() : 0;
  ssize_t n = ::read(fd.fd, buf, std::min(sizeof buf, room + 1));
  if (n < 0 && (errno == EINTR || errno == EAGAIN)) return;
  if (n <= 0) {
    fd.reset();
    return;
  }
  const std::size_t take = std::min(static_cast<std::size_t>(n), room);
  if (is_stdout && take > 0) out_.timeline.push_back({into.size(), ms_since(t0_)});
  into.append(buf, take);
  if (static_cast<std::size_t>(n) > room) {
    // Past the cap: stop reading and end the run.
    if (!main_done && !out_.output_limited) {
      out_.killed_by_runner = true;
      kill_tree();
    }
    out_.output_limited = true;
    fd.reset();
  }
}

void RunLoop::run() {
  const auto wall_deadline =
      t0_ + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(lim_.wall_s));
  auto next_cpu_check = t0_ + std::chrono::milliseconds(100);
  for (;;) {
    if (main_done && !drain_deadline_) {
      // Judge on the main process's exit; the supervisor is killing the rest. Orphans holding a
      // pipe die with it; give the pipes a short while to deliver what was written.
      drain_deadline_ = Clock::now() + std::chrono::milliseconds(500);
    }
    if (child_exited_ && pipes_closed()) break;
    // Tier A with cgroups: init reported the tree reaped and has exited (status at EOF): only the
    // relay is left, exiting; its end is the reaper's (see defer_relay_).
    if (defer_relay_ && reaped >= 0 && pipes_closed()) break;
    const auto now = Clock::now();
    if (!main_done && !out_.killed_by_runner && now >= wall_deadline) {
      // Besides the main thread of the main process (and init in tier A), what was still running.
      if (killable_ > 0) out_.leftover_processes = std::max(0, tree_tasks(killable_) - (tier_a_ ? 2 : 1));
      stop(TimeoutKind::wall);
    }
    if (cancel_ && !main_done && !out_.killed_by_runner && cancel_->load()) {
      out_.cancelled = true;
      stop(TimeoutKind::none);
    }
    if (cgroup_ && !main_done && !out_.killed_by_runner && now >= next_cpu_check) {
      next_cpu_check = now + std::chrono::milliseconds(100);
      if (cgroup_->cpu_ms() > lim_.cpu_s * 1000) stop(TimeoutKind::cpu);
    }
    if (drain_deadline_ && now >= *drain_deadline_ && tier_a_ && main_done && !forced_ && reaped < 0 &&
        plan_.status_r.fd >= 0 && plan_.out_r.fd < 0 && plan_.err_r.fd < 0 && !copy_wait_until_) {
      // Init has killed the tree (the pipes are closed) and is copying the results out of the
      // run's tmpfs (a precompiled header: tens of MiB): give its report a while longer.
      copy_wait_until_ = now + std::chrono::seconds(10);
      drain_deadline_ = copy_wait_until_;
    }
    if (drain_deadline_ && now >= *drain_deadline_) {
      if (child_exited_ || forced_) break;
      // The supervisor did not finish its kill in time: end everything from here.
      forced_ = true;
      // Tier A: killing init ends the namespace and the relay then exits by itself; killing the
      // relay first would orphan init to whatever reaper is above the engine.
      if (!tier_a_) kill_child();
      kill_tree();
      drain_deadline_ = now + std::chrono::milliseconds(100);
    }
    pollfd fds[4 + kMaxChannels];
    int n = 0;
    int i_channel[kMaxChannels];
    for (std::size_t k = 0; k < plan_.channels.size(); ++k) {
      i_channel[k] = -1;
      if (plan_.channels[k].engine_end.fd >= 0) {
        i_channel[k] = n;
        fds[n++] = {plan_.channels[k].engine_end.fd, POLLIN, 0};
      }
    }
    auto add = [&](int fd) {
      if (fd < 0) return -1;
      fds[n] = {fd, POLLIN, 0};
      return n++;
    };
    const int i_out = add(plan_.out_r.fd);
    const int i_err = add(plan_.err_r.fd);
    const int i_status = add(plan_.status_r.fd);
    const int i_pid = child_exited_ ? -1 : add(pidfd_.fd);
    auto until = drain_deadline_ ? *drain_deadline_ : wall_deadline;
    if (cgroup_ && !main_done) until = std::min(until, next_cpu_check);
    int timeout_ms = static_cast<int>(std::chrono::ceil<std::chrono::milliseconds>(until - now).count());
    if (pidfd_.fd < 0 && !child_exited_) timeout_ms = std::min(timeout_ms, 10);
    if (cancel_ && !main_done) timeout_ms = std::min(timeout_ms, 50);
    int r = ::poll(fds, static_cast<nfds_t>(n), std::max(0, timeout_ms));
    if (r < 0 && errno != EINTR) break;
    if (i_status >= 0 && fds[i_status].revents) read_status();
    if (i_out >= 0 && fds[i_out].revents) read_stream(plan_.out_r, out_.out, true);
    if (i_err >= 0 && fds[i_err].revents) read_stream(plan_.err_r, out_.err, false);
    for (std::size_t k = 0; k < plan_.channels.size(); ++k)
      if (i_channel[k] >= 0 && fds[i_channel[k]].revents) read_channel(plan_.channels[k], false);
    bool exited_now = i_pid >= 0 && fds[i_pid].revents != 0;
    if (pidfd_.fd < 0 && !child_exited_) {
      siginfo_t si{};
      exited_now = ::waitid(P_PID, static_cast<id_t>(child_), &si, WEXITED | WNOHANG | WNOWAIT) == 0 &&
                   si.si_pid == child_;
    }
    if (exited_now) {
      child_exited_ = true;
      if (!drain_deadline_) drain_deadline_ = Clock::now() + std::chrono::milliseconds(500);
    }
  }
}

void RunLoop::finish() {
  // Make sure nothing of the run survives, then reap the first process (or let the reaper do it).
  // Tier A: init is killed (kill_tree), never the relay, which reaps init and exits by itself (or
  // is the reaper's to wait for); killing the relay would leave init a zombie of whatever reaper is
  // above the engine. Tier B: the supervisor is killed once its tree's group is.
  relay_exiting = defer_relay_ && !child_exited_;
  kill_tree();
  if (!tier_a_ && !child_exited_) kill_child();
  int child_status = 0;
  if (!relay_exiting && !child_exited_ && pidfd_.fd >= 0) {
    // The relay exits within milliseconds of init; a relay that does not is killed after 5 s.
    pollfd pfd{pidfd_.fd, POLLIN, 0};
    while (::poll(&pfd, 1, 5000) < 0 && errno == EINTR) {
    }
    if (pfd.revents == 0) kill_child();
  }
  while (!relay_exiting && ::wait4(child_, &child_status, __WALL, &ru) < 0 && errno == EINTR) {
  }
  while (plan_.status_r.fd >= 0) read_status();  // whatever the supervisor wrote before it ended
  for (auto& c : plan_.channels)
    if (c.engine_end.fd >= 0) read_channel(c, true);  // what is in the pipe (writers may still hold it)
}

// The outcome: the verdict facts from the main process's status, the first process's usage and
// the run's cgroups (or, without them, what the program said about its own failure).
void settle_outcome(RunOutcome& out, const RunLoop& loop, const RunCgroup* cgroup, Clock::time_point t0) {
  if (loop.main_done) {
    if (WIFSIGNALED(loop.main_status)) {
      out.signal = WTERMSIG(loop.main_status);
    } else if (WIFEXITED(loop.main_status)) {
      out.exit_code = WEXITSTATUS(loop.main_status);
    }
  } else {
    // Killed by us before the supervisor could report (timeout, output cap, or a failure).
    out.signal = SIGKILL;
    out.killed_by_runner = true;
    if (out.wall_ms == 0) out.wall_ms = ms_since(t0);
  }
  if (loop.reaped > 0 && out.timeout == TimeoutKind::none) out.leftover_processes = loop.reaped;
  const rusage& ru = loop.ru;
  out.cpu_ms = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000.0 + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000.0;
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
    out.process_limit_hit =
        contains(out.err, "can't start new thread") || contains(out.err, "Resource temporarily unavailable");
  }
  if (out.signal == SIGXCPU && out.timeout == TimeoutKind::none) out.timeout = TimeoutKind::cpu;
}

// What the run gets: its namespaces (tier A), its cgroup's controllers, the main process's rlimits.
Isolation isolation_of(const ChildPlan& plan, const SandboxTier* tier_a, const RunCgroup* cgroup) {
  Isolation i;
  if (tier_a) {
    i.namespaces = {"mount", "pid", "net", "ipc", "uts", "cgroup"};
    if (tier_a->user_namespace) i.namespaces.push_back("user");
  }
  if (cgroup) {
    const CgroupBackend& backend = CgroupBackend::host();
    i.cgroup = backend.version();
    i.controllers = backend.controllers();
    if (cgroup->cpu_ms() >= 0) i.controllers.push_back("cpu");  // accounting (cpu.stat or cpuacct)
  }
  i.rlimits = plan.rlimits.names();
  return i;
}

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
  RunPlan plan;
  if (std::string e = plan.build(spec, tier_, *dir, run_uid, run_gid, cgroup.get()); !e.empty()) {
    out.start_error = e;
    return out;
  }

  const auto t0 = Clock::now();
  std::string launch_error;
  const pid_t child = launcher_(spec.argv, plan.env, plan.child, launch_error);
  plan.close_run_ends();
  if (child <= 0) {
    out.start_error = fmt::format("cannot start {}: {}", spec.argv[0], launch_error);
    return out;
  }
  out.started = true;
  out.isolation = isolation_of(plan.child, tier_a ? &tier_ : nullptr, cgroup.get());
  RunLoop loop(plan, out, lim, tier_a, cgroup.get(), child, t0, spec.cancel);
  loop.run();
  loop.finish();

  // The run's cgroups and (tier A) exiting relay go to the reaper on every return below; the run
  // directory is removed before run() returns (callers rely on it).
  struct HandOver {
    RunReaper& reaper;
    RunReaper::Leftovers left;
    ~HandOver() { reaper.give(std::move(left)); }
  } hand_over{*reaper_, {}};
  hand_over.left.pid = loop.relay_exiting ? child : -1;
  if (!out.started) {
    hand_over.left.cgroup = std::move(cgroup);
    return out;
  }
  settle_outcome(out, loop, cgroup.get(), t0);

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
