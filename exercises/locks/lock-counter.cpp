// locks/lock-counter (C++): five threads each add 1 to a shared counter through a slow
// read-modify-write. Protect it with one std::mutex so the program prints "Count: 5".
// The grader builds C++ with ThreadSanitizer: an access to count without the lock fails with a
// "data race" message naming the lines.
#include <chrono>
#include <iostream>
#include <mutex>
#include <thread>
#include <vector>

int count = 0;

void increment() {
  int local = count;  // read
  local += 1;
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // slow work between read and write
  count = local;      // write
}

// TODO: create one std::mutex next to count, and hold it (std::lock_guard) around the whole
//       read-modify-write in increment().
int main() {
  // TODO: start 5 threads running increment, join them all, then print "Count: " << count.
}
