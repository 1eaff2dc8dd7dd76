#include <iostream>
#include <thread>
#include <vector>

void task(int n) { std::cout << "Task " << n << '\n'; }

int main() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 3; ++i) threads.emplace_back(task, i);
  for (auto& t : threads) t.join();
}
