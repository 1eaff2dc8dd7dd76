// threads/task-numbers (C++): task(n) prints "Task n". Start three threads, one per task
// number 0, 1, 2 (pass the number as the thread's argument), then join all three.
// The lines may appear in any order.
#include <iostream>
#include <thread>
#include <vector>

void task(int n) {
  // TODO
}

int main() {
  // TODO: one loop starts the threads, a second loop joins them.
}
