#include <sys/wait.h>
#include <unistd.h>

#include <iostream>
#include <vector>

int square(int n) { return n * n; }

// A task or a result on a pipe. Records are small and all the same size, so every write() is
// atomic and every read() gets one whole record, whichever worker reads it.
struct Message {
  int index;  // the item's position in the input
  int value;
};

// Runs square() over `items` in `workers` forked worker processes: tasks go to the workers over
// one pipe, results come back over another, and land at their item's index (map keeps the order).
std::vector<int> pool_map(int workers, const std::vector<int>& items) {
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
        m.value = square(m.value);
        if (write(results[1], &m, sizeof m) != sizeof m) _exit(1);
      }
      _exit(0);
    }
    pids.push_back(pid);
  }
  close(tasks[0]);  // the parent keeps only the ends it uses, so EOF can reach the other side
  close(results[1]);
  for (int i = 0; i < static_cast<int>(items.size()); ++i) {
    Message m{i, items[i]};
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
  std::vector<int> result = pool_map(4, {1, 2, 3, 4});
  print_list(result);
}
