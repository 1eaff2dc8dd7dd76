#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <thread>
#include <vector>

void t_task(int n) { std::cout << "Thread " << n << '\n'; }
void p_task(int n) { std::cout << "Process " << n << '\n'; }

int main() {
  // Fork first, while the program has one thread: a child forked from a multithreaded process
  // may only call async-signal-safe functions (and ThreadSanitizer forbids it).
  std::cout.flush();
  std::vector<pid_t> processes;
  for (int i = 0; i < 2; ++i) {
    pid_t pid = fork();
    if (pid == 0) {
      p_task(i);
      std::exit(0);
    }
    processes.push_back(pid);
  }
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i) threads.emplace_back(t_task, i);
  for (auto& t : threads) t.join();
  for (pid_t pid : processes) waitpid(pid, nullptr, 0);
}
