#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

void add(int a, int b, int out) {  // out: the pipe's write end
  int sum = a + b;
  if (write(out, &sum, sizeof sum) != sizeof sum) std::exit(1);  // the bytes of the int
}

int main() {
  int channel[2];
  if (pipe(channel) != 0) return 1;
  std::cout.flush();
  pid_t pid = fork();
  if (pid == 0) {
    close(channel[0]);
    add(5, 7, channel[1]);
    std::exit(0);
  }
  close(channel[1]);
  int sum = 0;
  if (read(channel[0], &sum, sizeof sum) == sizeof sum) std::cout << sum << '\n';  // waits for it
  close(channel[0]);
  waitpid(pid, nullptr, 0);
}
