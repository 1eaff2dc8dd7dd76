// expect: wrong-output
// message: started 0 threads; the exercise asks for 1
// greet("Tanuja") runs in the main thread; no thread is ever started.
#include <iostream>
#include <string>

void greet(const std::string& name) { std::cout << "Hello " << name << '\n'; }

int main() { greet("Tanuja"); }
