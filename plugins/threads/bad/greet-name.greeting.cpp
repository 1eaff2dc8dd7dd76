// expect: wrong-output
// message: just a name
// Prints a sentence instead of just the name.
#include <iostream>
#include <string>
#include <thread>

void greet(const std::string& name) { std::cout << "My name is " << name << '\n'; }

int main() {
  std::thread t(greet, std::string("Ada"));
  t.join();
}
