// A program with no thread blocks the old record file with a folder: the record no longer lives
// there, so the folder changes nothing.
// expect: wrong-output
// message: your program printed the right lines but started 0 threads; the exercise asks for 3.
#include <sys/stat.h>
#include <cstdio>
int main() {
  if (mkdir(".exengine-probe.jsonl", 0755) != 0) return 3;
  for (int i = 0; i < 3; i++) std::printf("Task %d running\n", i);
}
