// expect: wrong-output
// message: process
#include <iostream>

int main() {
  long sum = 0;
  for (long i = 0; i < 100000; ++i) sum += i;
  std::cout << "Received 100000 numbers, sum " << sum << '\n';
}
