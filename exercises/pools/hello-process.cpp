// pools/hello-process (C++): hello_proc() prints "Hello Process". Run it in a child process
// started with fork() (the child calls it and ends with std::exit(0)), and wait for the child with
// waitpid(). Flush std::cout before fork().
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

void hello_proc() {
  // TODO: print "Hello Process"
}

int main() {
  // TODO: fork(), run hello_proc() in the child, waitpid() in the parent
}
