// A program with no thread closes the record's descriptor, so its probe cannot report.
// expect: wrong-output
// message: the behaviour record was damaged (the main process ended without its exit line
#include <unistd.h>
#include <cstdio>
int main() {
  close(1021);
  for (int i = 0; i < 3; i++) std::printf("Task %d running\n", i);
}
