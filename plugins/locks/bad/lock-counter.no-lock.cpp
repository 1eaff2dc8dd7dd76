// expect: runtime-error
// message: touch `count` without a lock
// No lock: every thread reads 0 and writes 1. ThreadSanitizer sees the unprotected accesses.
#include <chrono>
#include <iostream>
#include <thread>
#include <vector>

int count = 0;

void increment() {
  int local = count;
  local += 1;
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  count = local;
}

int main() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 5; ++i) threads.emplace_back(increment);
  for (auto& t : threads) t.join();
  std::cout << "Count: " << count << '\n';
}
