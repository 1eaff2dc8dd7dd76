#include <iostream>

int main() {
  std::cout << "q1: Threads share one memory space; processes each have their own. Threads suit I/O-bound work, processes CPU-bound work.\n";
  std::cout << "q2: For CPU-bound work such as heavy computation, which threads cannot speed up because of the GIL.\n";
  std::cout << "q3: Create the process (multiprocessing.Process, or fork() in C++), then start it and wait for it with join() or waitpid().\n";
  std::cout << "q4: c\n";
  std::cout << "q5: a\n";
}
