// expect: wrong-output
// message: '9' is missing
// n * 2 doubles instead of squaring.
#include <iostream>
#include <thread>
#include <vector>

void sq_task(int n) { std::cout << n * 2 << '\n'; }

int main() {
  std::vector<std::thread> threads;
  for (int n = 1; n <= 5; ++n) threads.emplace_back(sq_task, n);
  for (auto& t : threads) t.join();
}
