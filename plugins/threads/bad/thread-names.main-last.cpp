// expect: wrong-output
// message: before 'Main thread: MainThread' (print it before starting the workers)
// The main thread announces itself only after the workers have finished.
#include <iostream>
#include <string>
#include <thread>
#include <vector>

thread_local std::string thread_name = "MainThread";

void hello(const std::string& name) {
  thread_name = name;
  std::cout << "Hello from " + thread_name + "\n";
}

int main() {
  std::vector<std::thread> threads;
  for (int i = 1; i <= 3; ++i) threads.emplace_back(hello, "worker-" + std::to_string(i));
  for (auto& t : threads) t.join();
  std::cout << "Main thread: " << thread_name << '\n';
  std::cout << "All workers finished\n";
}
