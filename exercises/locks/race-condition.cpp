// locks/race-condition (C++): write a program that HAS a race. Start 5 threads that each add 1 to
// a shared global counter without a lock: read it into a local, sleep 10 ms
// (std::this_thread::sleep_for(std::chrono::milliseconds(10))), then write back local + 1.
// Join them all and print "Count with race condition: N" (any N from 1 to 5 is accepted).
// In C++ such unsynchronised access is a data race, which is undefined behaviour: this exercise
// is the one place where that is the point (it is not built with ThreadSanitizer).
#include <chrono>
#include <iostream>
#include <thread>
#include <vector>

int count = 0;

void unsafe_inc() {
  // TODO
}

int main() {
  // TODO
}
