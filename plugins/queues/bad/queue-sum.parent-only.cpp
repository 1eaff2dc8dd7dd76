// expect: wrong-output
// message: the parent wrote to the pipe and read its own bytes back: the child process must write the result, and the parent read it
// The child does nothing; the parent talks to itself through the pipe.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

int main() {
  int channel[2];
  if (pipe(channel) != 0) return 1;
  std::cout.flush();
  pid_t pid = fork();
  if (pid == 0) std::exit(0);
  int sum = 5 + 7;
  if (write(channel[1], &sum, sizeof sum) != sizeof sum) return 1;
  int got = 0;
  if (read(channel[0], &got, sizeof got) == sizeof got) std::cout << got << '\n';
  waitpid(pid, nullptr, 0);
}
