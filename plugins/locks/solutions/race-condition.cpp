// A race on purpose. In C++ two threads touching `count` without a lock is also a data race,
// which is undefined behaviour: `exengine check --race` would stop this program at the first one.
#include <chrono>
#include <iostream>
#include <thread>
#include <vector>

int count = 0;

void unsafe_inc() {
  int local = count;                                          // read
  std::this_thread::sleep_for(std::chrono::milliseconds(10));  // let the others read the same value
  count = local + 1;                                          // write: overwrites their updates
}

int main() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 5; ++i) threads.emplace_back(unsafe_inc);
  for (auto& t : threads) t.join();
  std::cout << "Count with race condition: " << count << '\n';
}
