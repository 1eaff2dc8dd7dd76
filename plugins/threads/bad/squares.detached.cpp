// expect: wrong-output
// message: joined 0 threads; the exercise asks for 5
// Detaches instead of joining and sleeps "long enough": the output looks right, but nothing
// waits for the threads.
#include <chrono>
#include <iostream>
#include <thread>

void sq_task(int n) { std::cout << n * n << '\n'; }

int main() {
  for (int n = 1; n <= 5; ++n) std::thread(sq_task, n).detach();
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
}
