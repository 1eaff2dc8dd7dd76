// SandboxRunner: the real ProcessRunner: a run directory, the sandbox of its tier (see
// child_plan.h for the process layout), limits, capture of stdout/stderr and the verdict facts.
//
// Contract: run() is thread-safe (the batch grader calls it from several threads); each call owns
// its pipes, directory and cgroups. It returns once every process of the run is dead and reaped and
// the run directory removed, except tier A's relay, whose exit (the kernel tearing down the run's
// namespaces) is waited for in the background together with the removal of the run's cgroups
// (RunReaper; all done before the runner is destroyed). The launch of the first process is delegated to a Launcher (Boost.Process, in its own
// translation unit), which must call sandbox_child(plan) in the child before exec.
#pragma once

#include <sys/types.h>

#include <functional>
#include <memory>
#include <string>

#include "runner/child_plan.h"
#include "runner/process_runner.h"
#include "runner/run_reaper.h"
#include "runner/sandbox_tier.h"

namespace exengine {

// Starts argv[0] with exactly `env` (KEY=VALUE strings), running sandbox_child(plan) in the child
// before exec. Returns the child's pid, or -1 with `error` set.
using Launcher = std::function<pid_t(const std::vector<std::string>& argv,
                                     const std::vector<std::string>& env, const ChildPlan& plan,
                                     std::string& error)>;

class SandboxRunner : public ProcessRunner {
 public:
  SandboxRunner(SandboxTier tier, Launcher launcher);
  RunOutcome run(const RunSpec& spec) override;
  std::string tier() const override { return tier_.tier; }
  std::string warning() const override { return tier_.warning; }

 private:
  SandboxTier tier_;
  Launcher launcher_;
  std::unique_ptr<RunReaper> reaper_;  // reaps tier A relays, removes cgroups after run() returns
};

}  // namespace exengine
