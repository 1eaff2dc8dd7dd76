// pools/pool-starmap (C++): each task has several arguments: the pair (2, 3) becomes the call
// power(2, 3). Compute power for each pair of {(2, 3), (3, 2), (4, 2), (5, 0)} in a pool of 2
// forked worker processes (a task record carries both arguments) and print the list:
// [8, 9, 16, 1]
#include <sys/wait.h>
#include <unistd.h>

#include <iostream>
#include <utility>
#include <vector>

int power(int base, int exponent) {
  int result = 1;
  for (int i = 0; i < exponent; ++i) result *= base;
  return result;
}

// A task or a result on a pipe. Records are small and all the same size, so every write() is
// atomic and every read() gets one whole record, whichever worker reads it.
struct Message {
  int index;  // the item's position in the input
  int base;   // a task: the arguments (starmap unpacks each pair into them)
  int exponent;
  int value;  // a result
};

// Runs power(base, exponent) for each pair of `items` in `workers` forked worker processes: tasks
// go to the workers over one pipe, results come back over another, and land at their item's index.
std::vector<int> pool_starmap(int workers, const std::vector<std::pair<int, int>>& items) {
  // TODO: 1. two pipes (pipe()): one for tasks, one for results; flush std::cout
  // TODO: 2. fork `workers` children; each closes the ends it does not use, then reads Messages
  //          from the tasks pipe until read() returns 0, computes, writes the Message to the
  //          results pipe, and ends with _exit(0)
  // TODO: 3. the parent closes the ends it does not use, writes one Message per item, closes the
  //          tasks pipe's write end (the workers then see EOF), reads the results until read()
  //          returns 0, and waitpid()s every worker
  return {};
}

// Prints like Python's list: [1, 4, 9, 16]
void print_list(const std::vector<int>& values) {
  std::cout << '[';
  for (std::size_t i = 0; i < values.size(); ++i) std::cout << (i ? ", " : "") << values[i];
  std::cout << "]\n";
}

int main() {
  print_list(pool_starmap(2, {{2, 3}, {3, 2}, {4, 2}, {5, 0}}));
}
