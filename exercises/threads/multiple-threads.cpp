// threads/multiple-threads (C++): three threads at once.
// task(n) prints "Task n running". Start three threads (n = 0, 1, 2), keeping them in a
// std::vector<std::thread>; only after starting all three, join each of them.
// The lines may come out in any order.
#include <iostream>
#include <thread>
#include <vector>

void task(int n) {
  // TODO: print "Task ", n, " running" and a line break.
}

int main() {
  std::vector<std::thread> threads;
  // TODO: threads.emplace_back(task, i) for i = 0, 1, 2.
  // TODO: then join every thread in the vector.
}
