// locks/condition-handoff (C++): two threads take turns. The ping thread prints "ping", the pong
// thread prints "pong", three times each, strictly alternating and starting with ping.
// Use one std::mutex, one std::condition_variable and a shared variable saying whose turn it is.
// Each thread, three times: take a std::unique_lock on the mutex, cv.wait(lock, predicate) until
// it is its turn, print its word, give the turn to the other and notify_all(). No sleeping.
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
  // TODO
}

int main() {
  // TODO: start player("ping", "pong") and player("pong", "ping") in two threads; join both.
}
