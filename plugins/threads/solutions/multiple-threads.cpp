#include <iostream>
#include <thread>
#include <vector>

void task(int n) { std::cout << "Task " << n << " running\n"; }

int main() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 3; ++i) threads.emplace_back(task, i);  // start all three first
  for (auto& t : threads) t.join();                            // then wait for each
}
