// expect: wrong-output
// message: started 1 thread; the exercise asks for 3
// One thread prints all three lines: the output is right, the concurrency is not.
#include <iostream>
#include <thread>

void task(int n) { std::cout << "Task " << n << " running\n"; }

int main() {
  std::thread t([] {
    for (int i = 0; i < 3; ++i) task(i);
  });
  t.join();
}
