// expect: wrong-output
// message: appeared 2 times
// The children do not end after their task: each goes on with the parent's loop and forks
// children of its own, so some tasks run more than once.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <vector>

void proc_task(int n) { std::cout << "Process " << n << " running\n"; }

int main() {
  std::cout.flush();
  std::vector<pid_t> children;
  for (int i = 0; i < 3; ++i) {
    pid_t pid = fork();
    if (pid == 0) {
      proc_task(i);
      std::cout.flush();
      continue;
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) waitpid(pid, nullptr, 0);
}
