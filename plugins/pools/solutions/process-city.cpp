#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <string>

void city(const std::string& name) { std::cout << name << '\n'; }

int main() {
  std::string name = "Bangalore";  // the child gets its own copy of the parent's memory
  std::cout.flush();
  pid_t pid = fork();
  if (pid == 0) {
    city(name);
    std::exit(0);
  }
  waitpid(pid, nullptr, 0);
}
