// expect: wrong-output
// message: process
#include <iostream>
#include <thread>
#include <vector>

void t_task(int n) { std::cout << "Thread " << n << '\n'; }
void p_task(int n) { std::cout << "Process " << n << '\n'; }

int main() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i) threads.emplace_back(t_task, i);
  for (int i = 0; i < 2; ++i) threads.emplace_back(p_task, i);
  for (auto& t : threads) t.join();
}
