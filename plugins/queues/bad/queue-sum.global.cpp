// expect: wrong-output
// message: '0'
// The child stores the sum in a global: it changes its own copy, and the parent prints its 0.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

int result = 0;

void add(int a, int b) { result = a + b; }

int main() {
  std::cout.flush();
  pid_t pid = fork();
  if (pid == 0) {
    add(5, 7);
    std::exit(0);
  }
  waitpid(pid, nullptr, 0);
  std::cout << result << '\n';
}
