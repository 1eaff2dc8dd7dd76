#include <atomic>
#include <chrono>
#include <iostream>
#include <thread>

std::atomic<bool> stop{false};  // set by the main thread, read by the worker

void worker() {
  while (!stop) {
    std::cout << "tick\n";
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // clean up: save state, close files
  std::cout << "Worker exiting\n";
}

int main() {
  std::thread t(worker);  // a normal thread: joined, never detached
  std::this_thread::sleep_for(std::chrono::seconds(1));  // the main thread's own work
  stop = true;
  t.join();
  std::cout << "Worker stopped\n";
}
