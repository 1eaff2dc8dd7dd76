// expect: wrong-output
// message: sleep
// The main thread does not sleep: the program ends before the daemon has done anything.
#include <chrono>
#include <iostream>
#include <thread>

void background_task() {
  while (true) {
    std::cout << "Daemon running" << std::endl;
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
}

int main() {
  std::thread(background_task).detach();
  std::cout << "Main program ends, daemon stops\n";
}
