#include <iostream>

int main() {
  std::cout << "q1: Send them back through a queue or a pipe (a multiprocessing.Queue, or a POSIX message queue in C++), or let a Pool collect them with map().\n";
  std::cout << "q2: b\n";
  std::cout << "q3: a\n";
}
