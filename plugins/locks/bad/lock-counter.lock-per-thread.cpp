// expect: runtime-error
// message: touch `count` without holding the same lock
// Each call makes its own mutex: a lock nobody else takes protects nothing.
#include <chrono>
#include <iostream>
#include <mutex>
#include <thread>
#include <vector>

int count = 0;

void increment() {
  std::mutex my_mutex;
  std::lock_guard<std::mutex> lock(my_mutex);
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
