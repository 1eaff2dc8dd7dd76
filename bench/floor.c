/* The floor: the least a grader must do per run. Runs PROG N times with fork/execve/waitpid,
 * reads its stdout through a pipe and compares it with EXPECTED (a file), nothing else: no
 * sandbox, no limits, no probe. Usage: floor N EXPECTED PROG [ARG...]
 * Prints one JSON line: {"runs": N, "ms_per_run": X, "failures": F}. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char** environ;

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int main(int argc, char** argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: floor N EXPECTED PROG [ARG...]\n");
    return 2;
  }
  const int n = atoi(argv[1]);
  static char expected[1 << 16], got[1 << 16];
  int efd = open(argv[2], O_RDONLY);
  if (efd < 0) {
    perror(argv[2]);
    return 2;
  }
  ssize_t elen = read(efd, expected, sizeof expected);
  close(efd);
  int failures = 0;
  const double t0 = now_ms();
  for (int i = 0; i < n; ++i) {
    int p[2];
    if (pipe2(p, O_CLOEXEC) != 0) return 2;
    pid_t pid = fork();
    if (pid == 0) {
      dup2(p[1], 1);
      execve(argv[3], argv + 3, environ);
      _exit(127);
    }
    close(p[1]);
    ssize_t len = 0, r;
    while ((r = read(p[0], got + len, sizeof got - (size_t)len)) > 0) len += r;
    close(p[0]);
    int st = 0;
    waitpid(pid, &st, 0);
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0 || len != elen || memcmp(got, expected, (size_t)len) != 0)
      ++failures;
  }
  const double ms = (now_ms() - t0) / n;
  printf("{\"runs\": %d, \"ms_per_run\": %.4f, \"failures\": %d}\n", n, ms, failures);
  return failures ? 1 : 0;
}
