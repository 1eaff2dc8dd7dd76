// expect: wrong-output
// message: item 1 is 9, expected 8
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
  int tasks[2], results[2];
  if (pipe(tasks) != 0 || pipe(results) != 0) return {};
  std::cout.flush();  // a child gets a copy of everything still buffered
  std::vector<pid_t> pids;
  for (int w = 0; w < workers; ++w) {
    pid_t pid = fork();
    if (pid == 0) {  // a worker: take tasks until the pipe is closed and empty
      close(tasks[1]);
      close(results[0]);
      Message m;
      while (read(tasks[0], &m, sizeof m) == sizeof m) {
        m.value = power(m.exponent, m.base);
        if (write(results[1], &m, sizeof m) != sizeof m) _exit(1);
      }
      _exit(0);
    }
    pids.push_back(pid);
  }
  close(tasks[0]);  // the parent keeps only the ends it uses, so EOF can reach the other side
  close(results[1]);
  for (int i = 0; i < static_cast<int>(items.size()); ++i) {
    Message m{i, items[i].first, items[i].second, 0};
    if (write(tasks[1], &m, sizeof m) != sizeof m) break;
  }
  close(tasks[1]);  // no more tasks: each worker's read() returns 0 and it exits
  std::vector<int> out(items.size());
  Message m;
  while (read(results[0], &m, sizeof m) == sizeof m)  // until EOF: every worker has exited
    if (m.index >= 0 && m.index < static_cast<int>(out.size())) out[m.index] = m.value;
  close(results[0]);
  for (pid_t pid : pids) waitpid(pid, nullptr, 0);
  return out;
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
