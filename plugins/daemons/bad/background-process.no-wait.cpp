// expect: wrong-output
// message: daemon process
// main returns without reaping the child: the child is killed before it prints, as a daemon
// process would be.
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <thread>

void bg_proc() {
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  std::cout << "Background Process\n";
}

int main() {
  std::cout.flush();
  if (fork() == 0) {
    bg_proc();
    std::exit(0);
  }
}
