// expect: wrong-output
// message: 'Hello from worker-1' is missing
// One global name, not thread_local: every worker prints whatever name was set last.
#include <chrono>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

std::string thread_name = "MainThread";

void hello(const std::string& name) {
  thread_name = name;
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::cout << "Hello from " + thread_name + "\n";
}

int main() {
  std::cout << "Main thread: " << thread_name << '\n';
  std::vector<std::thread> threads;
  for (int i = 1; i <= 3; ++i) {
    threads.emplace_back(hello, "worker-" + std::to_string(i));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  for (auto& t : threads) t.join();
  std::cout << "All workers finished\n";
}
