// expect: wrong-output
// message: 'Task 1' appeared 2 times; expected 1
// Every thread prints its line twice: three extra lines. Each line is one write, so lines never
// tear into each other and the declared message holds for every order the threads can take.
#include <iostream>
#include <string>
#include <thread>
#include <vector>

void task(int n) {
  const std::string line = "Task " + std::to_string(n) + "\n";
  std::cout << line;
  std::cout << line;
}

int main() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 3; ++i) threads.emplace_back(task, i);
  for (auto& t : threads) t.join();
}
