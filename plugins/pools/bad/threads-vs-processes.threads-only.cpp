// expect: wrong-output
// message: Processes time
#include <chrono>
#include <iostream>
#include <thread>
#include <vector>

void cpu_task() {
  volatile long total = 0;
  for (long i = 0; i < 10'000'000; ++i) total = total + i;
}

int main() {
  auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i) threads.emplace_back(cpu_task);
  for (auto& t : threads) t.join();
  std::cout << "Threads time: "
            << std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() << '\n';
}
