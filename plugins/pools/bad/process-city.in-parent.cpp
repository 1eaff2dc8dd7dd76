// expect: wrong-output
// message: process
#include <iostream>
#include <string>

void city(const std::string& name) { std::cout << name << '\n'; }

int main() { city("Bangalore"); }
