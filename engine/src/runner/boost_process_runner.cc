// The one translation unit that includes Boost.Process (slow to compile): it only forks and execs;
// the sandbox is built by sandbox_child() from the on_exec_setup handler.
#include <boost/process/args.hpp>
#include <boost/process/child.hpp>
#include <boost/process/env.hpp>
#include <boost/process/environment.hpp>
#include <boost/process/exe.hpp>
#include <boost/process/extend.hpp>

#include <mutex>
#include <system_error>

#include "runner/child_plan.h"
#include "runner/process_runner.h"
#include "runner/sandbox_runner.h"
#include "runner/sandbox_tier.h"

namespace exengine {

namespace bp = boost::process;

namespace {

struct SandboxSetup : bp::extend::handler {
  const ChildPlan* plan;
  explicit SandboxSetup(const ChildPlan* p) : plan(p) {}
  template <typename Executor>
  void on_exec_setup(Executor&) const {
    sandbox_child(*plan);
  }
};

pid_t boost_launch(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                   const ChildPlan& plan, std::string& error) {
  bp::environment environment;
  environment.clear();
  for (const auto& kv : env) {
    auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) continue;
    environment[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  std::vector<std::string> args(argv.begin() + 1, argv.end());
  std::error_code ec;
  bp::child c(bp::exe = argv[0], bp::args = args, environment, SandboxSetup(&plan), ec);
  if (ec) {
    error = ec.message();
    return -1;
  }
  const pid_t pid = c.id();
  c.detach();  // the SandboxRunner reaps it (wait4), not Boost
  return pid;
}

}  // namespace

std::unique_ptr<ProcessRunner> make_process_runner(const std::string& prefer_tier) {
  return std::make_unique<SandboxRunner>(SandboxTier::probe(prefer_tier), boost_launch);
}

}  // namespace exengine
