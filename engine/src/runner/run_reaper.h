// RunReaper: finishes the slow end of runs off the caller's critical path: waits for a run's
// first process (tier A's relay, which holds the run's namespaces while the kernel tears them
// down: an RCU grace period, several ms on a loaded machine), then removes the run's cgroups (and
// its run directory, when given one).
//
// Contract: one per SandboxRunner (a background thread). give() is thread-safe and never blocks on
// the work. A run hands over only what no longer matters to its outcome: every
// process of the run but the exiting relay is dead and reaped, its stdout/stderr/status pipes are
// at EOF, its cgroup figures and collected files are read. drain() blocks until everything handed
// over so far is done; the destructor drains, so no relay, cgroup or directory outlives its runner
// (nor the engine's cgroup parents, RunCgroup::support(), made before any runner and removed at
// exit).
#pragma once

#include <sys/types.h>

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

namespace exengine {

class RunCgroup;
class RunDirectory;

class RunReaper {
 public:
  struct Leftovers {
    pid_t pid = -1;  // waited for with wait4(__WALL) first, if > 0
    std::unique_ptr<RunCgroup> cgroup;
    std::unique_ptr<RunDirectory> dir;
  };

  void give(Leftovers leftovers);
  void drain();

  RunReaper();
  ~RunReaper();
  RunReaper(const RunReaper&) = delete;
  RunReaper& operator=(const RunReaper&) = delete;

 private:
  void loop();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  std::deque<Leftovers> queue_;
  bool busy_ = false;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace exengine
