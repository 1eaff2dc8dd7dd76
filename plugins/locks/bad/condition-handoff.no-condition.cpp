// expect: wrong-output
// message: pong
// No turns at all: each thread prints its three words as soon as it runs.
#include <iostream>
#include <string>
#include <thread>
#include <vector>

void player(const std::string& word) {
  for (int i = 0; i < 3; ++i) std::cout << word << '\n';
}

int main() {
  std::vector<std::thread> threads;
  threads.emplace_back(player, "ping");
  threads[0].join();
  threads.emplace_back(player, "pong");
  threads[1].join();
}
