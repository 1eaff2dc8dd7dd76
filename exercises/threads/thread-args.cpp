// threads/thread-args (C++): pass an argument to a thread's function.
// Expected output: "Hello Tanuja".
// std::thread t(greet, std::string("Tanuja")); calls greet("Tanuja") in the new thread: the
// arguments follow the function (they are copied into the thread).
#include <iostream>
#include <string>
#include <thread>

void greet(const std::string& name) {
  // TODO: print "Hello " followed by the name.
}

int main() {
  // TODO: run greet in a thread with the argument "Tanuja", then join the thread.
}
