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
  for (int item = 1; item <= 5; ++item) put(item);
  put(SENTINEL);  // tells the consumer there is nothing more
}

void consumer() {
  while (true) {
    int item = get();
    if (item == SENTINEL) break;
    std::cout << "Consumed " << item << '\n';
  }
  std::cout << "Consumer done\n";
}

int main() {
  if (pipe(q) != 0) return 1;
  std::thread p(producer), c(consumer);
  p.join();
  c.join();
}
