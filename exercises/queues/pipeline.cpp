// queues/pipeline (C++): a two-stage pipeline of threads connected by queues:
//   main --squares_in--> square_stage --plus_one_in--> plus_one_stage --results--> main
// main feeds 1 to 5 into squares_in, then the end marker DONE. square_stage squares each number,
// plus_one_stage adds 1; each stage, on DONE, passes DONE on to the next queue and returns. main
// prints every result until DONE, one per line, then joins both stage threads:
//   2 5 10 17 26 (one per line)
// Each queue is a pipe of ints (Queue, given: put() and get(), safe from any thread).
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
  // TODO: square each number from squares_in into plus_one_in; on DONE pass DONE on
}

void plus_one_stage() {
  // TODO: add 1 to each number from plus_one_in into results; on DONE pass DONE on
}

int main() {
  for (Queue* q : {&squares_in, &plus_one_in, &results})
    if (pipe(q->fd) != 0) return 1;
  // TODO: start both stage threads, feed 1 to 5 and DONE, print the results until DONE, join
}
