// expect: wrong-output
// message: thread
// No threads, so nothing can race.
#include <iostream>

int count = 0;

int main() {
  for (int i = 0; i < 5; ++i) count = count + 1;
  std::cout << "Count with race condition: " << count << '\n';
}
