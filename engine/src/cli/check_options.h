// Options shared by the commands that run submissions (check, demo, selftest): trials, stress,
// replay seed, limits and parallelism.
#pragma once

#include <thread>

#include "checking/checker.h"

namespace CLI {
class App;
}

namespace exengine {

struct RunOptions {
  CheckOverrides overrides;
  unsigned jobs = 0;  // 0: one per core
  unsigned effective_jobs() const {
    return jobs ? jobs : std::max(1u, std::thread::hardware_concurrency());
  }
};

// Declares --trials, --stress/--no-stress, --seed, --timeout, --memory, --jobs, --race/--no-race,
// --toolchains FILE and --toolchain LANG.KEY=VALUE on `cmd`.
void add_run_options(CLI::App& cmd, RunOptions& options);

}  // namespace exengine
