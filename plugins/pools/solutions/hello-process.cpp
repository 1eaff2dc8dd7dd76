#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

void hello_proc() { std::cout << "Hello Process\n"; }

int main() {
  std::cout.flush();
  pid_t pid = fork();
  if (pid == 0) {
    hello_proc();
    std::exit(0);
  }
  waitpid(pid, nullptr, 0);
}
