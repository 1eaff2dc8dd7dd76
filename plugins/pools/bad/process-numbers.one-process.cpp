// expect: wrong-output
// message: process
// One child prints both numbers.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

void proc_num(int n) { std::cout << n << '\n'; }

int main() {
  std::cout.flush();
  pid_t pid = fork();
  if (pid == 0) {
    proc_num(0);
    proc_num(1);
    std::exit(0);
  }
  waitpid(pid, nullptr, 0);
}
