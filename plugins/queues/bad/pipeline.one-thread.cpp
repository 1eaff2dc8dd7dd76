// expect: wrong-output
// message: thread
#include <iostream>

int main() {
  for (int n = 1; n <= 5; ++n) std::cout << n * n + 1 << '\n';
}
