#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

// Sends 0 .. 99999 (800 000 bytes) through the pipe. A pipe holds 64 KB: write() waits while it is
// full, so this child cannot finish before the parent has read most of it.
void produce(int out) {
  std::vector<long> numbers(100000);
  for (long i = 0; i < 100000; ++i) numbers[i] = i;
  const char* data = reinterpret_cast<const char*>(numbers.data());
  std::size_t left = numbers.size() * sizeof(long);
  while (left > 0) {
    ssize_t n = write(out, data, left);
    if (n <= 0) std::exit(1);
    data += n;
    left -= n;
  }
}

int main() {
  int channel[2];
  if (pipe(channel) != 0) return 1;
  std::cout.flush();
  pid_t pid = fork();
  if (pid == 0) {
    close(channel[0]);
    produce(channel[1]);
    std::exit(0);
  }
  close(channel[1]);
  // Read first: the child cannot exit while its data does not fit in the pipe.
  std::string bytes;
  char buffer[65536];
  ssize_t n;
  while ((n = read(channel[0], buffer, sizeof buffer)) > 0) bytes.append(buffer, n);  // until EOF
  std::vector<long> numbers(bytes.size() / sizeof(long));
  std::memcpy(numbers.data(), bytes.data(), numbers.size() * sizeof(long));
  close(channel[0]);
  waitpid(pid, nullptr, 0);
  long sum = 0;
  for (long x : numbers) sum += x;
  std::cout << "Received " << numbers.size() << " numbers, sum " << sum << '\n';
}
