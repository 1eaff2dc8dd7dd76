// expect: wrong-output
// message: you joined each std::thread before starting the next, so they never ran at the same time: start them all, then join them all
#include <iostream>
#include <thread>

void sq_task(int n) { std::cout << n * n << '\n'; }

int main() {
  for (int n = 1; n <= 5; ++n) std::thread(sq_task, n).join();
}
