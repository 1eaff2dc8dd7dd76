// expect: timeout
// message: killed after 10 s
// Never notifies: the thread whose turn it becomes sleeps on forever.
#include <condition_variable>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

std::mutex m;
std::condition_variable cv;
std::string turn = "ping";

void player(const std::string& word, const std::string& other) {
  for (int i = 0; i < 3; ++i) {
    std::unique_lock<std::mutex> lock(m);
    cv.wait(lock, [&] { return turn == word; });
    std::cout << word << '\n';
    turn = other;
  }
}

int main() {
  std::vector<std::thread> threads;
  threads.emplace_back(player, "ping", "pong");
  threads.emplace_back(player, "pong", "ping");
  for (auto& t : threads) t.join();
}
