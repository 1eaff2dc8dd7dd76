// pools/quiz (C++): print one line per question, "qN: ANSWER" (see `exengine show pools/quiz`).
// Free text: one short sentence. Choices: one letter.
#include <iostream>

int main() {
  std::cout << "q1: \n";
  std::cout << "q2: \n";
  std::cout << "q3: \n";
  std::cout << "q4: \n";
  std::cout << "q5: \n";
}
