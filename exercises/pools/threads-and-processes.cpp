// pools/threads-and-processes (C++): start two std::threads (printing "Thread 0" and "Thread 1")
// and two child processes with fork() (printing "Process 0" and "Process 1") so that all four run
// at the same time, then join the threads and waitpid() the processes. Fork the processes first,
// while the program has only one thread: a child forked from a multithreaded program may only call
// async-signal-safe functions (no std::cout). Flush std::cout before fork(); each child ends with
// std::exit(0). The four lines may come in any order.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <thread>
#include <vector>

void t_task(int n) { std::cout << "Thread " << n << '\n'; }
void p_task(int n) { std::cout << "Process " << n << '\n'; }

int main() {
  // TODO: fork two children running p_task, start two threads running t_task,
  //       then join the threads and wait for the children
}
