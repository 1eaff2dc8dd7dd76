#include <iostream>

int main() {
  std::cout << "q1: Protect the shared data with a mutex (std::mutex, threading.Lock) so only one thread at a time changes it.\n";
  std::cout << "q2: b\n";
  std::cout << "q3: b\n";
  std::cout << "q4: a\n";
}
