// expect: wrong-output
// message: 'Task 2 running' is missing
// The loop starts only two threads: "Task 2 running" never appears.
#include <iostream>
#include <thread>
#include <vector>

void task(int n) { std::cout << "Task " << n << " running\n"; }

int main() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i) threads.emplace_back(task, i);
  for (auto& t : threads) t.join();
}
