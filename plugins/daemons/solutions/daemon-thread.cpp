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
  std::thread(background_task).detach();  // a daemon: nothing waits for it
  std::this_thread::sleep_for(std::chrono::seconds(3));
  std::cout << "Main program ends, daemon stops\n";
}  // returning from main ends the process, and the detached thread with it
