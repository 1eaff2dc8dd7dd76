// pools/process-cubes (C++): start three child processes with fork() that print the cubes of 1, 2
// and 3: one number each, 1, 8 and 27, in any order. Start all three, then waitpid() for all
// three; each child ends with std::exit(0).
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <vector>

void cube(int n) {
  // TODO: print n cubed
}

int main() {
  std::cout.flush();
  // TODO: fork three children (n = 1, 2, 3), then wait for all of them
}
