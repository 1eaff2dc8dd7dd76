// expect: wrong-output
// message: q5
#include <iostream>

int main() {
  std::cout << "q1: Threads share memory; processes have separate memory. Threads for I/O, processes for CPU.\n";
  std::cout << "q2: For CPU-bound computation.\n";
  std::cout << "q3: Create a process and start it, then join it.\n";
  std::cout << "q4: c\n";
  std::cout << "q5: b\n";
}
