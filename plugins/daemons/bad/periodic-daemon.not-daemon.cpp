// expect: timeout
// message: daemon
// Joins the endless thread instead of detaching it.
#include <chrono>
#include <iostream>
#include <thread>

void run_task() {
  while (true) {
    std::cout << "Running" << std::endl;
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
}

int main() {
  std::thread t(run_task);
  std::this_thread::sleep_for(std::chrono::seconds(2));
  t.join();
}
