// expect: wrong-output
// message: process
#include <iostream>

int main() { std::cout << 5 + 7 << '\n'; }
