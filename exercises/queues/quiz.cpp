// queues/quiz (C++): print one line per question, "qN: ANSWER" (see `exengine show queues/quiz`).
// Free text: one short sentence. Choices: one letter.
#include <iostream>

int main() {
  std::cout << "q1: \n";
  std::cout << "q2: \n";
  std::cout << "q3: \n";
}
