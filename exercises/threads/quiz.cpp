// threads/quiz (C++): set each answer below, then run this file. It prints one "qN: ANSWER"
// line each (see `exengine show threads/quiz` for the questions). Free text: one short sentence
// in your own words. Multiple choice: one letter.
#include <iostream>

int main() {
  std::cout << "q1: " << "" << '\n';  // What is the GIL, and what does it allow?
  std::cout << "q2: " << "" << '\n';  // When should you use threads?
  std::cout << "q3: " << "" << '\n';  // How do you create and run a thread?
  std::cout << "q4: " << "" << '\n';  // How do you pass arguments to a thread's function?
  std::cout << "q5: " << "" << '\n';  // What does threading.Thread(target=work()) do? (a-d)
  std::cout << "q6: " << "" << '\n';  // Which call runs greet("Ada") in a new thread? (a-d)
}
