// expect: wrong-output
// message: 'Task 0' is missing
// Starts at 1: only tasks 1 and 2 run.
#include <iostream>
#include <thread>
#include <vector>

void task(int n) { std::cout << "Task " << n << '\n'; }

int main() {
  std::vector<std::thread> threads;
  for (int i = 1; i < 3; ++i) threads.emplace_back(task, i);
  for (auto& t : threads) t.join();
}
