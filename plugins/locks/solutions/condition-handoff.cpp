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
    cv.wait(lock, [&] { return turn == word; });  // releases the mutex while it waits
    std::cout << word << '\n';
    turn = other;
    cv.notify_all();
  }
}

int main() {
  std::vector<std::thread> threads;
  threads.emplace_back(player, "ping", "pong");
  threads.emplace_back(player, "pong", "ping");
  for (auto& t : threads) t.join();
}
