// expect: wrong-output
// message: 'Task 1' appeared 2 times; expected 1
// Every thread prints its line twice: three extra lines.
#include <iostream>
#include <thread>
#include <vector>

void task(int n) {
  std::cout << "Task " << n << '\n';
  std::cout << "Task " << n << '\n';
}

int main() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 3; ++i) threads.emplace_back(task, i);
  for (auto& t : threads) t.join();
}
