// queues/producer-consumer (C++): a producer thread puts the numbers 1 to 5 into a queue, then a
// SENTINEL that means "no more items". A consumer thread takes items until it receives the
// sentinel, printing "Consumed N" for each number, then prints "Consumer done". Start both threads
// and join both. The queue is a pipe (put and get are given): the kernel does the locking, so any
// thread may write or read, and get() waits until an item arrives. The consumer must not know in
// advance how many items will come.
#include <unistd.h>

#include <iostream>
#include <thread>

// A pipe used as a queue between two threads: each write() of an int is one item, and the kernel
// does the locking, so any thread may write or read. SENTINEL means "no more items".
constexpr int SENTINEL = -1;
int q[2];  // q[0]: the reading end, q[1]: the writing end

void put(int item) {
  if (write(q[1], &item, sizeof item) != sizeof item) std::perror("write");
}

int get() {  // waits until an item arrives
  int item = SENTINEL;
  if (read(q[0], &item, sizeof item) != sizeof item) return SENTINEL;
  return item;
}

void producer() {
  // TODO: put 1 to 5, then SENTINEL
}

void consumer() {
  // TODO: get items until SENTINEL, printing "Consumed N"; then print "Consumer done"
}

int main() {
  if (pipe(q) != 0) return 1;
  // TODO: start a producer and a consumer thread, join both
}
