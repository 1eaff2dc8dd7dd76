#include <iostream>
#include <mutex>
#include <thread>
#include <vector>

int count = 0;
std::mutex count_mutex;

void inc() {
  std::lock_guard<std::mutex> lock(count_mutex);
  count += 1;
}

int main() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 5; ++i) threads.emplace_back(inc);
  for (auto& t : threads) t.join();
  std::cout << count << '\n';
}
