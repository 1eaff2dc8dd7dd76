// Per-run cost of the sandbox: /bin/true through the runner (tier A, tier B) against a bare
// fork/exec/wait. Usage: runner_bench [N]. Prints milliseconds per run.
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "runner/process_runner.h"

extern char** environ;

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 200;
  using Clock = std::chrono::steady_clock;
  auto per_run = [n](auto&& body) {
    auto t0 = Clock::now();
    for (int i = 0; i < n; ++i) body();
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count() / n;
  };
  const double bare = per_run([] {
    pid_t pid = fork();
    if (pid == 0) {
      char* args[] = {const_cast<char*>("/bin/true"), nullptr};
      execve("/bin/true", args, environ);
      _exit(127);
    }
    int st;
    waitpid(pid, &st, 0);
  });
  std::printf("bare fork/exec/wait: %.3f ms\n", bare);
  for (const char* tier : {"B", "A"}) {
    auto runner = exengine::make_process_runner(tier);
    exengine::RunSpec spec;
    spec.argv = {"/bin/true"};
    const double t = per_run([&] { runner->run(spec); });
    std::printf("tier %s: %.3f ms (+%.3f ms)\n", runner->tier().c_str(), t, t - bare);
  }
}
