// pools/process-numbers (C++): start two child processes with fork(): the first runs proc_num(0),
// the second proc_num(1). Start both, then waitpid() for both; each child ends with std::exit(0).
// The two lines may come in either order.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <vector>

void proc_num(int n) { std::cout << n << '\n'; }

int main() {
  std::cout.flush();
  // TODO: fork two children, then wait for both
}
