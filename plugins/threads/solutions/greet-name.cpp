#include <iostream>
#include <string>
#include <thread>

void greet(const std::string& name) { std::cout << name << '\n'; }

int main() {
  std::thread t(greet, std::string("Ada Lovelace"));
  t.join();
}
