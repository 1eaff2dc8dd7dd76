// expect: wrong-output
// message: daemon
// Prints from the main thread for 2 s: the right lines, but no background thread.
#include <chrono>
#include <iostream>
#include <thread>

int main() {
  for (int i = 0; i < 4; ++i) {
    std::cout << "Running" << std::endl;
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
}
