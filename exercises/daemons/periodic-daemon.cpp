// daemons/periodic-daemon (C++): a daemon thread prints "Running" every 0.5 s, forever. In C++ a
// daemon is a detached std::thread: nothing waits for it, and when main returns the process ends
// and the thread with it. The main thread sleeps 2 s and then simply returns.
#include <chrono>
#include <iostream>
#include <thread>

void run_task() {
  // TODO: forever: print "Running", then sleep 0.5 s
}

int main() {
  // TODO: start run_task in a std::thread, detach() it, then sleep 2 s
}
