// pools/pool-square-five (C++): square the numbers 1 to 5 with a pool of 5 forked worker
// processes and print the list: [1, 4, 9, 16, 25]. pool_map forks the workers, sends them the
// items over a pipe and collects sq(item) over a second pipe, in input order.
#include <sys/wait.h>
#include <unistd.h>

#include <iostream>
#include <vector>

int sq(int n) { return n * n; }

// A task or a result on a pipe. Records are small and all the same size, so every write() is
// atomic and every read() gets one whole record, whichever worker reads it.
struct Message {
  int index;  // the item's position in the input
  int value;
};

// Runs sq() over `items` in `workers` forked worker processes: tasks go to the workers over
// one pipe, results come back over another, and land at their item's index (map keeps the order).
std::vector<int> pool_map(int workers, const std::vector<int>& items) {
  // TODO: 1. two pipes (pipe()): one for tasks, one for results; flush std::cout
  // TODO: 2. fork `workers` children; each closes the ends it does not use, then reads Messages
  //          from the tasks pipe until read() returns 0, computes, writes the Message (same index,
  //          new value) to the results pipe, and ends with _exit(0)
  // TODO: 3. the parent closes the ends it does not use, writes one Message per item, closes the
  //          tasks pipe's write end (the workers then see EOF), reads the results into their
  //          index until read() returns 0, and waitpid()s every worker
  return {};
}

// Prints like Python's list: [1, 4, 9, 16]
void print_list(const std::vector<int>& values) {
  std::cout << '[';
  for (std::size_t i = 0; i < values.size(); ++i) std::cout << (i ? ", " : "") << values[i];
  std::cout << "]\n";
}

int main() {
  print_list(pool_map(5, {1, 2, 3, 4, 5}));
}
