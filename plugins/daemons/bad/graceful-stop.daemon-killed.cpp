// expect: wrong-output
// message: Worker exiting
// A detached worker: main returns while it is still cleaning up, and it dies there.
#include <atomic>
#include <chrono>
#include <iostream>
#include <thread>

std::atomic<bool> stop{false};

void worker() {
  while (!stop) {
    std::cout << "tick\n";
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::cout << "Worker exiting\n";
}

int main() {
  std::thread(worker).detach();
  std::this_thread::sleep_for(std::chrono::seconds(1));
  stop = true;
  std::cout << "Worker stopped\n";
}
