// expect: wrong-output
// message: process
// Does the work in the main program: no child process at all.
#include <iostream>

int main() { std::cout << "Background Process\n"; }
