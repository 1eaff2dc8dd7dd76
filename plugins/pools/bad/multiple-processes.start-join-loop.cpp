// expect: wrong-output
// message: you waited for each child process before forking the next, so they never ran at the same time: fork them all, then wait for them all
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

int main() {
  std::cout.flush();
  for (int i = 0; i < 3; ++i) {
    pid_t pid = fork();
    if (pid == 0) {
      std::cout << "Process " << i << " running\n";
      std::exit(0);
    }
    waitpid(pid, nullptr, 0);  // waits for this child before forking the next
  }
}
