#include <chrono>
#include <iostream>
#include <mutex>
#include <thread>
#include <vector>

int count = 0;
std::mutex count_mutex;  // one lock, shared by every thread

void increment() {
  std::lock_guard<std::mutex> lock(count_mutex);  // held for the whole read-wait-write
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
