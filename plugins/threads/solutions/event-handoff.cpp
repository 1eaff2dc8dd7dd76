#include <chrono>
#include <condition_variable>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>

// C++ has no threading.Event: a flag, a mutex and a condition variable make one.
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
  event.wait();
  std::cout << "Worker: got " << data << '\n';
}

int main() {
  std::thread t(worker);
  std::cout << "Main: preparing data" << std::endl;
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  data = "ready";  // before set(): the worker reads it once the event is set
  event.set();
  t.join();
  std::cout << "Main: done\n";
}
