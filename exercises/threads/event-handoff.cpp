// threads/event-handoff (C++): wait for a signal from another thread.
// C++ has no threading.Event; the class below builds one from a mutex, a condition variable and
// a flag: wait() blocks until some thread calls set().
//   1. The worker calls event.wait() and then prints "Worker: got " followed by data.
//   2. main starts the worker, prints "Main: preparing data", sleeps 200 ms (slow work), sets
//      data = "ready" and then calls event.set().
//   3. main joins the worker and prints "Main: done".
// Expected output, always:
//   Main: preparing data
//   Worker: got ready
//   Main: done
#include <chrono>
#include <condition_variable>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>

class Event {
 public:
  void set() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      flag_ = true;
    }
    cv_.notify_all();
  }
  void wait() {
    std::unique_lock<std::mutex> lock(mutex_);
    cv_.wait(lock, [this] { return flag_; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool flag_ = false;
};

std::string data = "nothing";
Event event;

void worker() {
  // TODO: wait for the event, then print the data.
}

int main() {
  // TODO
}
