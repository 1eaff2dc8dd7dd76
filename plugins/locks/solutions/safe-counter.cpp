#include <iostream>
#include <mutex>
#include <thread>
#include <vector>

int count = 0;
std::mutex count_mutex;  // one mutex for all threads, made before they start

void safe_inc() {
  std::lock_guard<std::mutex> lock(count_mutex);
  count++;
}

int main() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 5; ++i) threads.emplace_back(safe_inc);
  for (auto& t : threads) t.join();
  std::cout << "Count safe: " << count << '\n';
}
