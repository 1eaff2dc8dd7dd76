// expect: wrong-output
// message: process
#include <iostream>

int main() { std::cout << "Data from process\n"; }
