#include <iostream>
#include <string>
#include <thread>

void greet(const std::string& name) { std::cout << "Hello " << name << '\n'; }

int main() {
  std::thread t(greet, std::string("Tanuja"));
  t.join();
}
