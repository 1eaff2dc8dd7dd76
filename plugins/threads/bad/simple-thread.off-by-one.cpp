// expect: wrong-output
// message: expected 'Thread: 0', got 'Thread: 1'
// Counts 1..5: "Thread: 0" is missing and "Thread: 5" is extra.
#include <iostream>
#include <thread>

void print_numbers() {
  for (int i = 1; i <= 5; ++i) std::cout << "Thread: " << i << '\n';
}

int main() {
  std::thread t(print_numbers);
  t.join();
}
