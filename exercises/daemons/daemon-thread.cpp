// daemons/daemon-thread (C++): background_task() prints "Daemon running" once a second, forever.
// Run it in a daemon thread: a std::thread that you detach() (nothing waits for it; when main
// returns, the process ends and the thread with it). Let the main thread sleep 3 s, then print
// "Main program ends, daemon stops". Never join() a thread that loops forever.
#include <chrono>
#include <iostream>
#include <thread>

void background_task() {
  while (true) {
    std::cout << "Daemon running" << std::endl;
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
}

int main() {
  // TODO: start background_task in a std::thread and detach() it
  // TODO: sleep 3 seconds, then print "Main program ends, daemon stops"
}
