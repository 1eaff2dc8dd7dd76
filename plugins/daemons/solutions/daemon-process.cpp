#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <thread>

void watchdog() {
  while (true) {
    std::cout << "watching" << std::endl;  // endl flushes: this process is killed, not ended
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
  }
}

int main() {
  std::cout.flush();
  pid_t pid = fork();
  if (pid == 0) watchdog();  // never returns
  std::this_thread::sleep_for(std::chrono::seconds(1));  // the main program's work
  std::cout << "Main done\n";
  kill(pid, SIGTERM);  // what multiprocessing does to a daemon process at exit
  waitpid(pid, nullptr, 0);
}
