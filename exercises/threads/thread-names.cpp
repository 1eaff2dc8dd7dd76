// threads/thread-names (C++): every thread knows its own name.
// std::thread has no name, so this program keeps one per thread in a thread_local variable:
// each thread has its own copy, and the main thread's copy says "MainThread".
//   1. main prints "Main thread: " followed by thread_name.
//   2. hello(name) first sets thread_name = name, then prints "Hello from " + thread_name.
//   3. Start three threads running hello, named worker-1, worker-2 and worker-3; join them.
//   4. main prints "All workers finished".
// The three "Hello from" lines may come in any order, between the first and the last line.
// Tip: build the whole line first and write it once (std::cout << ("Hello from " + thread_name
// + "\n")): each << is a separate write, and another thread's text may land between them.
#include <iostream>
#include <string>
#include <thread>
#include <vector>

thread_local std::string thread_name = "MainThread";

void hello(const std::string& name) {
  // TODO
}

int main() {
  // TODO
}
