// pools/imap-unordered (C++): a pool can hand back each result as soon as a worker has it, in
// completion order (Python's imap_unordered). Square 1 to 8 with slow_square (small numbers take
// longest) in a pool of 4 forked workers, collect the results in the order they arrive over the
// results pipe, and print the list, for example [16, 9, 4, 1, 49, 64, 36, 25].
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <thread>
#include <vector>

int slow_square(int n) {
  std::this_thread::sleep_for(std::chrono::milliseconds(50 * (9 - n)));  // small numbers take longest
  return n * n;
}

// A task or a result on a pipe. Records are small and all the same size, so every write() is
// atomic and every read() gets one whole record, whichever worker reads it.
struct Message {
  int index;  // the item's position in the input
  int value;
};

// Runs slow_square() over `items` in `workers` forked worker processes: tasks go to the workers
// over one pipe, results come back over another, in the order the workers finish them.
std::vector<int> pool_map_unordered(int workers, const std::vector<int>& items) {
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
  print_list(pool_map_unordered(4, {1, 2, 3, 4, 5, 6, 7, 8}));
}
