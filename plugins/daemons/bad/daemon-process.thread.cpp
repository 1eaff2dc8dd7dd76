// expect: wrong-output
// message: process
// A detached thread prints the right lines, but the exercise is about a daemon process.
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
  std::thread(watchdog).detach();
  std::this_thread::sleep_for(std::chrono::seconds(1));
  std::cout << "Main done\n";
}
