// A program with no thread leaves a torn line on the record's descriptor.
// expect: wrong-output
// message: the behaviour record was damaged (a line that is not a JSON object)
#include <unistd.h>
#include <cstdio>
int main() {
  if (write(1021, "{\"v\":1,\"token\":\"", 16) < 0) return 3;
  for (int i = 0; i < 3; i++) std::printf("Task %d running\n", i);
}
