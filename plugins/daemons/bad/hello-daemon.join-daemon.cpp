// expect: timeout
// message: daemon
// Detaching is right, but this one joins the endless thread.
#include <chrono>
#include <iostream>
#include <thread>

void hello() {
  while (true) {
    std::cout << "Hello" << std::endl;
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
}

int main() {
  std::thread t(hello);
  std::this_thread::sleep_for(std::chrono::seconds(3));
  t.join();
}
