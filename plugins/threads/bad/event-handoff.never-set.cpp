// expect: timeout
// message: killed after 3 s of wall time
// The main thread never sets the event: the worker waits forever and join() never returns.
#include <chrono>
#include <condition_variable>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>

std::mutex m;
std::condition_variable cv;
bool ready = false;
std::string data = "nothing";

void worker() {
  std::unique_lock<std::mutex> lock(m);
  cv.wait(lock, [] { return ready; });
  std::cout << "Worker: got " << data << '\n';
}

int main() {
  std::thread t(worker);
  std::cout << "Main: preparing data" << std::endl;
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  data = "ready";
  t.join();
  std::cout << "Main: done\n";
}
