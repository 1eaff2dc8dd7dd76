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
  std::thread(hello).detach();
  std::this_thread::sleep_for(std::chrono::seconds(3));
}
