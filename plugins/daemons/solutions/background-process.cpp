#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <thread>

void bg_proc() {
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // the background work
  std::cout << "Background Process\n";
}

int main() {
  std::cout.flush();  // nothing buffered may be copied into the child
  pid_t pid = fork();
  if (pid == 0) {
    bg_proc();
    std::exit(0);  // exit() flushes the child's output
  }
  // No wait here: the main program goes on with its own work. Only before it returns does it reap
  // the child, as multiprocessing does at exit for a non-daemon process.
  waitpid(pid, nullptr, 0);
}
