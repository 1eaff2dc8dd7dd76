// expect: wrong-output
// message: expected one line
// One child per letter: the name arrives in pieces.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

void city(char c) { std::cout << c << '\n'; }

int main() {
  std::string name = "Bangalore";
  std::cout.flush();
  std::vector<pid_t> children;
  for (char c : name) {
    pid_t pid = fork();
    if (pid == 0) {
      city(c);
      std::exit(0);
    }
    waitpid(pid, nullptr, 0);
  }
}
