// expect: runtime-error
// message: data race: line 11 (count++) in safe_inc() and line 11 in safe_inc() touch `count` without a lock
// The mutex is gone: ThreadSanitizer reports the unprotected count++ even when no update is lost.
#include <iostream>
#include <thread>
#include <vector>

int count = 0;

void safe_inc() {
  count++;
}

int main() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 5; ++i) threads.emplace_back(safe_inc);
  for (auto& t : threads) t.join();
  std::cout << "Count safe: " << count << '\n';
}
