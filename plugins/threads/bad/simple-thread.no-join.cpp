// expect: runtime-error
// message: SIGABRT
// Never joins: a std::thread still joinable when it is destroyed calls std::terminate().
#include <iostream>
#include <thread>

void print_numbers() {
  for (int i = 0; i < 5; ++i) std::cout << "Thread: " << i << '\n';
}

int main() {
  std::thread t(print_numbers);
}
