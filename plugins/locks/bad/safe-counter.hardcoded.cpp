// expect: wrong-output
// message: thread
// Prints the expected line without any thread.
#include <iostream>

int main() { std::cout << "Count safe: 5\n"; }
