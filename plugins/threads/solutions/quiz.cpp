#include <iostream>

int main() {
  std::cout << "q1: The Global Interpreter Lock: only one thread at a time may execute Python bytecode.\n"
               "q2: For I/O-bound work such as network requests or reading files, where threads mostly wait.\n"
               "q3: Make a thread with a target function (std::thread t(func) in C++) and start it.\n"
               "q4: Give them as a tuple in args, e.g. args=(1, 2); in C++ after the function: std::thread t(f, 1, 2).\n"
               "q5: b\n"
               "q6: c\n";
}
