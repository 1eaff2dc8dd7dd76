// expect: wrong-output
// message: process
// Calls the task three times in the main process.
#include <iostream>

void proc_task(int n) { std::cout << "Process " << n << " running\n"; }

int main() {
  for (int i = 0; i < 3; ++i) proc_task(i);
}
