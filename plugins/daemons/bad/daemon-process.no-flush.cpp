// expect: wrong-output
// message: flush
// The watchdog's lines sit in its stdout buffer (a pipe is block-buffered) and die with it.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <thread>

void watchdog() {
  while (true) {
    std::cout << "watching\n";
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
  }
}

int main() {
  std::cout.flush();
  pid_t pid = fork();
  if (pid == 0) watchdog();
  std::this_thread::sleep_for(std::chrono::seconds(1));
  std::cout << "Main done\n";
  kill(pid, SIGTERM);
  waitpid(pid, nullptr, 0);
}
