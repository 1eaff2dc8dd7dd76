// Per-run cost of the runner alone (no checker, graders or probe): PROG through the SandboxRunner
// in tier B and tier A, against a bare fork/exec/wait of the same PROG.
// Usage: runner_bench N [PROG [ARG...]]   (default PROG: /bin/true)
// Prints one JSON object: {"runs": N, "bare_ms": .., "B_ms": .., "A_ms": .., "A_tier": "A", ...}
// (wall milliseconds per run as the caller sees it; *_cpu_ms: user+system CPU per run of this
// process and all its reaped descendants, including the runner's background reaping, which does
// not depend on the machine's load; A_tier says which tier "A" really got: "B" without namespaces).
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "runner/process_runner.h"

extern char** environ;

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 200;
  std::vector<std::string> prog;
  for (int i = 2; i < argc; ++i) prog.emplace_back(argv[i]);
  if (prog.empty()) prog = {"/bin/true"};
  std::vector<char*> cargv;
  for (auto& a : prog) cargv.push_back(a.data());
  cargv.push_back(nullptr);

  using Clock = std::chrono::steady_clock;
  auto cpu_ms = [] {
    double ms = 0;
    for (int who : {RUSAGE_SELF, RUSAGE_CHILDREN}) {
      rusage ru{};
      getrusage(who, &ru);
      ms += (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
    }
    return ms;
  };
  auto per_run = [n](auto&& body) {
    auto t0 = Clock::now();
    for (int i = 0; i < n; ++i) body();
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count() / n;
  };
  double c0 = cpu_ms();
  const double bare = per_run([&] {
    pid_t pid = fork();
    if (pid == 0) {
      execve(cargv[0], cargv.data(), environ);
      _exit(127);
    }
    int st;
    waitpid(pid, &st, 0);
  });
  std::printf("{\"runs\": %d, \"bare_ms\": %.4f, \"bare_cpu_ms\": %.4f", n, bare, (cpu_ms() - c0) / n);
  int failures = 0;
  for (const char* tier : {"B", "A"}) {
    auto runner = exengine::make_process_runner(tier);
    c0 = cpu_ms();
    exengine::RunSpec spec;
    spec.argv = prog;
    const double t = per_run([&] {
      auto out = runner->run(spec);
      if (!out.started || out.exit_code != 0) ++failures;
    });
    const std::string got = runner->tier();
    runner.reset();  // waits for the background reaping
    std::printf(", \"%s_ms\": %.4f, \"%s_cpu_ms\": %.4f", tier, t, tier, (cpu_ms() - c0) / n);
    if (std::string(tier) == "A") std::printf(", \"A_tier\": \"%s\"", got.c_str());
  }
  std::printf(", \"failures\": %d}\n", failures);
  return failures ? 1 : 0;
}
