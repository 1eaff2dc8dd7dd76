// daemons/graceful-stop (C++): a daemon (a detached std::thread) is killed wherever it happens to
// be when main returns; a worker that must clean up is stopped politely instead. Run worker() in a
// normal std::thread (joined, not detached). It prints "tick" every 0.2 s until the flag `stop`
// is set (a std::atomic<bool> plays the part of Python's threading.Event), then cleans up
// (sleeps 0.1 s), prints "Worker exiting" and returns. The main thread sleeps 1 s, sets the flag,
// joins the worker and prints "Worker stopped".
#include <atomic>
#include <chrono>
#include <iostream>
#include <thread>

std::atomic<bool> stop{false};

void worker() {
  // TODO: while stop is not set: print "tick" and sleep 0.2 s
  // TODO: clean up (sleep 0.1 s), then print "Worker exiting"
}

int main() {
  // TODO: start worker in a std::thread, sleep 1 s, set stop, join, print "Worker stopped"
}
