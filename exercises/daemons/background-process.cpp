// daemons/background-process (C++): start a child process with fork() that does some background
// work (sleeps 0.5 s) and then prints "Background Process". The main program does not wait for it
// right away: it is free to go on with other work. But nothing in C++ waits for a child by itself
// (Python's multiprocessing does, at exit, for every non-daemon process): a child still running
// when main returns is killed, like a daemon process. So reap it with waitpid() just before main
// returns. Flush std::cout before fork(), and end the child with std::exit(0).
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <thread>

void bg_proc() {
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // the background work
  std::cout << "Background Process\n";
}

int main() {
  // TODO: fork(); the child runs bg_proc() and exits; the parent reaps it with waitpid() at the end
}
