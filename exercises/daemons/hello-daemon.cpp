// daemons/hello-daemon (C++): a daemon thread prints "Hello" once a second, forever; the main
// thread keeps the program alive for 3 s and then returns. In C++ a daemon is a detached
// std::thread: nothing waits for it, and when main returns the process ends and the thread with it.
#include <chrono>
#include <iostream>
#include <thread>

void hello() {
  // TODO: forever: print "Hello", sleep 1 s
}

int main() {
  // TODO: start hello in a std::thread and detach() it, then sleep 3 s
}
