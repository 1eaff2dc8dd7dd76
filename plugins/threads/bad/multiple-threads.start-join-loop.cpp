// expect: wrong-output
// message: you joined each std::thread before starting the next, so they never ran at the same time: start them all, then join them all
// Each thread is joined in the loop that starts it: they run one after another.
#include <iostream>
#include <thread>

void task(int n) { std::cout << "Task " << n << " running\n"; }

int main() {
  for (int i = 0; i < 3; ++i) {
    std::thread t(task, i);
    t.join();
  }
}
