// expect: wrong-output
// message: q2
// Believes count += 1 is one atomic step.
#include <iostream>

int main() {
  std::cout << "q1: Use a mutex around the shared update.\n";
  std::cout << "q2: a\n";
  std::cout << "q3: b\n";
  std::cout << "q4: a\n";
}
