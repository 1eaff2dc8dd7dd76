#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

void proc_task() { std::cout << "Process running\n"; }

int main() {
  std::cout.flush();  // a child gets a copy of everything still buffered
  pid_t pid = fork();
  if (pid == 0) {
    proc_task();
    std::exit(0);  // flushes the child's output; never fall through into the parent's code
  }
  waitpid(pid, nullptr, 0);  // the join()
}
