// expect: wrong-output
// message: process
// Calls the function in the main process.
#include <iostream>

void proc_task() { std::cout << "Process running\n"; }

int main() { proc_task(); }
