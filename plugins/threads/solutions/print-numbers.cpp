#include <iostream>
#include <thread>

void print_nums() {
  for (int i = 0; i < 5; ++i) std::cout << i << '\n';
}

int main() {
  std::thread t(print_nums);
  t.join();
}
