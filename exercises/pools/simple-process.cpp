// pools/simple-process (C++): run proc_task(), which prints "Process running", in a separate
// process. In C++ a process is started with fork(): it returns twice, 0 in the new child and the
// child's pid in the parent. The child runs proc_task() and ends with std::exit(0) (which flushes
// its output); the parent waits for it with waitpid() (Python's join()). Flush std::cout before
// fork(), or the child gets a copy of whatever is still buffered and prints it again.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

void proc_task() { std::cout << "Process running\n"; }

int main() {
  // TODO: fork(); in the child call proc_task() and std::exit(0); in the parent waitpid()
}
