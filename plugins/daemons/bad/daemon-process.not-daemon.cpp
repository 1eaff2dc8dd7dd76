// expect: timeout
// message: daemon
// Waits for the endless watchdog instead of ending it.
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <thread>

void watchdog() {
  while (true) {
    std::cout << "watching" << std::endl;
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
  }
}

int main() {
  std::cout.flush();
  pid_t pid = fork();
  if (pid == 0) watchdog();
  std::this_thread::sleep_for(std::chrono::seconds(1));
  std::cout << "Main done" << std::endl;
  waitpid(pid, nullptr, 0);
}
