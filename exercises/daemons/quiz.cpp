// daemons/quiz (C++): print one line per question, "qN: ANSWER" (see `exengine show daemons/quiz`).
#include <iostream>

int main() {
  std::cout << "q1: \n";
  std::cout << "q2: \n";
  std::cout << "q3: \n";
  std::cout << "q4: \n";
}
