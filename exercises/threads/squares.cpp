// threads/squares (C++): sq_task(n) prints n * n. Start five threads, for n = 1 to 5, then join
// them all. The program prints 1, 4, 9, 16 and 25 (in any order), one per thread.
#include <iostream>
#include <thread>
#include <vector>

void sq_task(int n) {
  // TODO
}

int main() {
  // TODO: start all five threads before joining any of them.
}
