// pools/process-city (C++): let a child process print the name of your city: one line, just the
// name (for example "Bangalore"). A forked child starts as a copy of its parent, so a variable set
// before fork() is the child's argument. The child ends with std::exit(0); the parent waitpid()s.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <string>

void city(const std::string& name) { std::cout << name << '\n'; }

int main() {
  // TODO: set the name, flush std::cout, fork(), call city(name) in the child, waitpid()
}
