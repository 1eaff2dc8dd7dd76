// expect: wrong-output
// message: 27
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <vector>

void cube(int n) { std::cout << n * 3 << '\n'; }

int main() {
  std::cout.flush();
  std::vector<pid_t> children;
  for (int n = 1; n <= 3; ++n) {
    pid_t pid = fork();
    if (pid == 0) {
      cube(n);
      std::exit(0);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) waitpid(pid, nullptr, 0);
}
