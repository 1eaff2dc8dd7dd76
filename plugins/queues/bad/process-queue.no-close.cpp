// expect: timeout
// message: still running after 10 s
// The parent keeps its copy of the write end open: its read() never sees EOF.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <string>

void proc_task(int out) {  // out: the pipe's write end
  const std::string text = "Data from process";
  if (write(out, text.data(), text.size()) != static_cast<ssize_t>(text.size())) std::exit(1);
}

int main() {
  // A pipe is the OS channel under Python's multiprocessing.Queue: bytes written at one end come
  // out at the other, and a forked child inherits both ends.
  int channel[2];
  if (pipe(channel) != 0) return 1;
  std::cout.flush();
  pid_t pid = fork();
  if (pid == 0) {
    close(channel[0]);
    proc_task(channel[1]);
    std::exit(0);
  }
  std::string received;
  char buffer[256];
  ssize_t n;
  while ((n = read(channel[0], buffer, sizeof buffer)) > 0) received.append(buffer, n);  // until EOF
  close(channel[0]);
  std::cout << received << '\n';
  waitpid(pid, nullptr, 0);
}
