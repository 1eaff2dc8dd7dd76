// expect: timeout
// message: Event
// Joins the worker without ever setting the flag it checks.
#include <atomic>
#include <chrono>
#include <iostream>
#include <thread>

std::atomic<bool> stop{false};

void worker() {
  while (!stop) {
    std::cout << "tick" << std::endl;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  std::cout << "Worker exiting\n";
}

int main() {
  std::thread t(worker);
  std::this_thread::sleep_for(std::chrono::seconds(1));
  t.join();
  std::cout << "Worker stopped\n";
}
