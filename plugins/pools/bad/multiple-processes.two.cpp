// expect: wrong-output
// message: Process 2 running
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <vector>

void proc_task(int n) { std::cout << "Process " << n << " running\n"; }

int main() {
  std::cout.flush();
  std::vector<pid_t> children;
  for (int i = 0; i < 2; ++i) {
    pid_t pid = fork();
    if (pid == 0) {
      proc_task(i);
      std::exit(0);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) waitpid(pid, nullptr, 0);
}
