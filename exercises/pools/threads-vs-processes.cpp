// pools/threads-vs-processes (C++): cpu_task() adds up the numbers below ten million. Run it in 2
// std::threads (start both, join both) and time it, then in 2 child processes (fork() both,
// waitpid() both) and time that. Print the two durations in seconds as plain numbers:
//   Threads time: 0.012
//   Processes time: 0.011
// C++ has no GIL: here both run on two cores. Use std::chrono::steady_clock. Flush std::cout
// before fork(): a child inherits whatever is still in the parent's output buffer, and prints it
// again when it exits.
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <thread>
#include <vector>

void cpu_task() {
  volatile long total = 0;  // volatile: the compiler may not skip the work
  for (long i = 0; i < 10'000'000; ++i) total = total + i;
}

int main() {
  // TODO: time 2 threads running cpu_task, print "Threads time: <seconds>"
  // TODO: time 2 child processes running cpu_task, print "Processes time: <seconds>"
}
