// A program with no thread appends the line the old record file took, on the record's descriptor.
// expect: wrong-output
// message: the behaviour record was damaged (a line without the run's token)
#include <unistd.h>
#include <cstdio>
#include <cstring>
int main() {
  const char* line = "{\"probe\":\"native\",\"pid\":2,\"threads_started\":3,\"threads_joined\":3}\n";
  if (write(1021, line, std::strlen(line)) < 0) return 3;
  for (int i = 0; i < 3; i++) std::printf("Task %d running\n", i);
}
