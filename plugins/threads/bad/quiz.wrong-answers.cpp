// expect: wrong-output
// message: q1: 'It makes Python faster on many cores' is not right: the GIL lets only one thread
// A wrong idea of the GIL and the classic target=work() slip.
#include <iostream>

int main() {
  std::cout << "q1: It makes Python faster on many cores\n"
               "q2: For I/O-bound work such as network requests, where threads mostly wait.\n"
               "q3: Make a threading.Thread with a target and call start().\n"
               "q4: Give them in args as a tuple.\n"
               "q5: a\n"
               "q6: c\n";
}
