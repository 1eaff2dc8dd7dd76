// threads/print-numbers (C++): one thread prints 0 to 4, one number per line, nothing else.
#include <iostream>
#include <thread>

void print_nums() {
  // TODO: the loop goes here.
}

int main() {
  // TODO: run print_nums in a std::thread and join it.
}
