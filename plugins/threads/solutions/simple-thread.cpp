#include <iostream>
#include <thread>

void print_numbers() {
  for (int i = 0; i < 5; ++i) std::cout << "Thread: " << i << '\n';
}

int main() {
  std::thread t(print_numbers);
  t.join();
}
