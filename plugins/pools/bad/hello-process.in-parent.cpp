// expect: wrong-output
// message: process
// Calls hello_proc() in the main program: no child process.
#include <iostream>

void hello_proc() { std::cout << "Hello Process\n"; }

int main() { hello_proc(); }
