// threads/simple-thread (C++): run a function in a thread, then wait for it.
// Expected output: "Thread: 0" ... "Thread: 4", one per line.
// In C++, std::thread t(print_numbers); starts the thread at once; t.join() waits for it.
#include <iostream>
#include <thread>

void print_numbers() {
  // TODO: print "Thread: 0" to "Thread: 4", one per line: std::cout << "Thread: " << i << '\n';
}

int main() {
  // TODO: create a std::thread running print_numbers (the function, no parentheses).
  // TODO: join() it before main returns (a std::thread destroyed unjoined aborts the program).
}
