// expect: wrong-output
// message: q1
#include <iostream>

int main() {
  std::cout << "q1: Read the child's return value after waitpid().\n";
  std::cout << "q2: b\n";
  std::cout << "q3: a\n";
}
