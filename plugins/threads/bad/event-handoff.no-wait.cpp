// expect: wrong-output
// message: got 'Worker: got nothing'
// The worker does not wait for the event, so it reads data while the main thread is still
// preparing it and prints "Worker: got nothing".
#include <chrono>
#include <iostream>
#include <string>
#include <thread>

std::string data = "nothing";

void worker() { std::cout << "Worker: got " << data << '\n'; }

int main() {
  std::thread t(worker);
  t.join();  // joined at once, so the output does not depend on timing
  std::cout << "Main: preparing data\n";
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  data = "ready";
  std::cout << "Main: done\n";
}
