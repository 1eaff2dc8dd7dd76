// expect: timeout
// message: DONE
// square_stage returns on DONE without passing it on: plus_one_stage waits forever.
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <thread>

// Each queue is a pipe of ints (one write() per item; the kernel does the locking).
struct Queue {
  int fd[2];
  void put(int n) {
    if (write(fd[1], &n, sizeof n) != sizeof n) std::perror("write");
  }
  int get() {  // waits until an item arrives
    int n = DONE;
    if (read(fd[0], &n, sizeof n) != sizeof n) return DONE;
    return n;
  }
  static constexpr int DONE = -1;  // the end marker
};

Queue squares_in, plus_one_in, results;

void square_stage() {
  for (int n; (n = squares_in.get()) != Queue::DONE;) plus_one_in.put(n * n);
}

void plus_one_stage() {
  for (int n; (n = plus_one_in.get()) != Queue::DONE;) results.put(n + 1);
  results.put(Queue::DONE);
}

int main() {
  for (Queue* q : {&squares_in, &plus_one_in, &results})
    if (pipe(q->fd) != 0) return 1;
  std::thread stages[] = {std::thread(square_stage), std::thread(plus_one_stage)};
  for (int n = 1; n <= 5; ++n) squares_in.put(n);
  squares_in.put(Queue::DONE);
  for (int r; (r = results.get()) != Queue::DONE;) std::cout << r << '\n';
  for (auto& t : stages) t.join();
}
