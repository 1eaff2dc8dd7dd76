#include <iostream>
#include <string>
#include <thread>
#include <vector>

// std::thread has no name: each thread keeps its own in a thread_local variable.
thread_local std::string thread_name = "MainThread";

void hello(const std::string& name) {
  thread_name = name;
  std::cout << "Hello from " + thread_name + "\n";  // one write: no other thread can land inside
}

int main() {
  std::cout << "Main thread: " << thread_name << '\n';
  std::vector<std::thread> threads;
  for (int i = 1; i <= 3; ++i) threads.emplace_back(hello, "worker-" + std::to_string(i));
  for (auto& t : threads) t.join();
  std::cout << "All workers finished\n";
}
