// queues/process-queue (C++): a child process sends the text "Data from process" back to its
// parent: the child writes it into a pipe, the parent reads it and prints what it received.
// In C++ the queue between the processes is a pipe (pipe(): fd[0] reads, fd[1] writes), the OS
// channel under Python's multiprocessing.Queue; a forked child inherits both ends. Each side closes
// the end it does not use: read() sees EOF only once no process holds the write end open.
// Read before you waitpid() the child (see queues/big-result).
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <string>

void proc_task(int out) {  // out: the pipe's write end
  // TODO: write "Data from process" into `out` (write(out, text.data(), text.size()))
}

int main() {
  // A pipe is the OS channel under Python's multiprocessing.Queue: bytes written at one end come
  // out at the other, and a forked child inherits both ends.
  int channel[2];
  if (pipe(channel) != 0) return 1;
  // TODO: flush std::cout, fork(); the child closes channel[0], runs proc_task(channel[1]) and
  //       std::exit(0)s
  // TODO: the parent closes channel[1], reads until read() returns 0 (EOF), prints the text, then
  //       waitpid()s the child
}
