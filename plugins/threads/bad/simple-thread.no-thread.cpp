// expect: wrong-output
// message: started 0 threads; the exercise asks for 1
// Calls the function directly: the right lines, but no thread at all.
#include <iostream>
#include <thread>

void print_numbers() {
  for (int i = 0; i < 5; ++i) std::cout << "Thread: " << i << '\n';
}

int main() { print_numbers(); }
