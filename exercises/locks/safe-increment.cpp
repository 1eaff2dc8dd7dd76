// locks/safe-increment (C++): start 5 threads that each run count += 1 once on a shared global
// while holding one shared std::mutex. Join them all and print only the final value: 5.
// The grader builds C++ with ThreadSanitizer: an unprotected count += 1 fails with a data race.
#include <iostream>
#include <mutex>
#include <thread>
#include <vector>

int count = 0;

void inc() {
  // TODO: count += 1, under a std::lock_guard on one shared mutex.
}

int main() {
  // TODO
}
