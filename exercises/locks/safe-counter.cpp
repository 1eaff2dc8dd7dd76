// locks/safe-counter (C++): the fix for locks/race-condition. Start 5 threads that each add 1 to
// a shared global counter while holding one shared std::mutex, join them all, and print
// "Count safe: 5". The grader builds C++ with ThreadSanitizer and runs it several times: a
// count++ outside the lock fails with a data race even when no update happened to be lost.
#include <iostream>
#include <mutex>
#include <thread>
#include <vector>

int count = 0;

void safe_inc() {
  // TODO
}

int main() {
  // TODO
}
