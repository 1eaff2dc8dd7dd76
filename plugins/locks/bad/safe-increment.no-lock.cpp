// expect: runtime-error
// message: data race: line 11 (count += 1) in inc() and line 11 in inc() touch `count` without a lock
// count += 1 without the lock: a read, an add and a write that another thread can split.
#include <iostream>
#include <thread>
#include <vector>

int count = 0;

void inc() {
  count += 1;
}

int main() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 5; ++i) threads.emplace_back(inc);
  for (auto& t : threads) t.join();
  std::cout << count << '\n';
}
