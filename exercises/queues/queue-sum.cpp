// queues/queue-sum (C++): a child process computes 5 + 7 and sends the result to its parent,
// which prints it: 12. The child's variables are its own copy: assigning one does not change the
// parent's. In C++ the queue between the processes is a pipe (pipe(): fd[0] reads, fd[1] writes), the OS
// channel under Python's multiprocessing.Queue; a forked child inherits both ends. Each side closes
// the end it does not use: read() sees EOF only once no process holds the write end open.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

void add(int a, int b, int out) {  // out: the pipe's write end
  // TODO: write the int a + b into `out` (write(out, &sum, sizeof sum))
}

int main() {
  int channel[2];
  if (pipe(channel) != 0) return 1;
  // TODO: flush std::cout, fork(); the child runs add(5, 7, channel[1]) and std::exit(0)s
  // TODO: the parent reads the int from channel[0], prints it, then waitpid()s
}
