// expect: wrong-output
// message: Threads time
// Forks while "Threads time: ..." is still in the output buffer (stdout is a pipe, so it is
// block-buffered): each child gets a copy and prints it again when it exits.
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <thread>
#include <vector>

void cpu_task() {
  volatile long total = 0;
  for (long i = 0; i < 10'000'000; ++i) total = total + i;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

int main() {
  auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i) threads.emplace_back(cpu_task);
  for (auto& t : threads) t.join();
  std::cout << "Threads time: " << seconds_since(start) << '\n';

  start = std::chrono::steady_clock::now();
  std::vector<pid_t> processes;
  for (int i = 0; i < 2; ++i) {
    pid_t pid = fork();
    if (pid == 0) {
      cpu_task();
      std::exit(0);
    }
    processes.push_back(pid);
  }
  for (pid_t pid : processes) waitpid(pid, nullptr, 0);
  std::cout << "Processes time: " << seconds_since(start) << '\n';
}
