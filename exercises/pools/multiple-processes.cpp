// pools/multiple-processes (C++): start three child processes with fork(), running proc_task(0),
// proc_task(1) and proc_task(2) (the child knows its number: it is the loop's i at the fork).
// Start all three first, keep their pids in a std::vector, then waitpid() for all three. Each
// child ends with std::exit(0). The three lines may come in any order.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <vector>

void proc_task(int n) { std::cout << "Process " << n << " running\n"; }

int main() {
  std::cout.flush();
  // TODO: fork three children, then wait for all of them
}
