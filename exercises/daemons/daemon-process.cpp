// daemons/daemon-process (C++): processes can be daemons too. fork() a child that runs
// watchdog(): it prints "watching" every 0.3 s, forever. The main program works for 1 s (sleeps),
// prints "Main done" and then ends the daemon the way multiprocessing does: kill(pid, SIGTERM),
// then waitpid(). A killed process never flushes its output buffer, so the watchdog must flush
// every line (std::endl or std::flush), or its lines are lost. Flush std::cout before fork().
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <thread>

void watchdog() {
  // TODO: forever: print "watching" (flushed) and sleep 0.3 s
}

int main() {
  // TODO: fork(); the child runs watchdog(); the parent sleeps 1 s, prints "Main done",
  //       then kill()s the child and waitpid()s for it
}
