// expect: wrong-output
// message: thread
// Five increments in the main thread: the right number, and no concurrency at all.
#include <iostream>

int main() {
  int count = 0;
  for (int i = 0; i < 5; ++i) count += 1;
  std::cout << count << '\n';
}
