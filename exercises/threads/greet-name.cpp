// threads/greet-name (C++): greet(name) prints the name it is given and nothing else. Run it in
// a thread, passing your name (for example "Tanuja") as the thread's argument, then join it.
// The output is one line: your name in capitalised words, e.g. "Tanuja" or "Ada Lovelace".
#include <iostream>
#include <string>
#include <thread>

void greet(const std::string& name) {
  // TODO
}

int main() {
  // TODO
}
