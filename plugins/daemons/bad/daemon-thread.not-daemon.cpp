// expect: timeout
// message: daemon
// Joins a thread that never ends: main waits forever.
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
  std::thread t(background_task);
  std::this_thread::sleep_for(std::chrono::seconds(3));
  std::cout << "Main program ends, daemon stops" << std::endl;
  t.join();
}
