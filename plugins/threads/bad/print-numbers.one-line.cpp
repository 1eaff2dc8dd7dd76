// expect: wrong-output
// message: got '0 1 2 3 4'
// A space instead of a line break keeps every number on one line.
#include <iostream>
#include <thread>

void print_nums() {
  for (int i = 0; i < 5; ++i) std::cout << i << ' ';
  std::cout << '\n';
}

int main() {
  std::thread t(print_nums);
  t.join();
}
