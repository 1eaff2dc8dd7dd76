// expect: wrong-output
// message: q4
#include <iostream>

int main() {
  std::cout << "q1: A background thread that is stopped automatically when the main program ends.\n";
  std::cout << "q2: b\n";
  std::cout << "q3: a\n";
  std::cout << "q4: c\n";
}
