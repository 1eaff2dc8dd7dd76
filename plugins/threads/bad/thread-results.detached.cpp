// expect: wrong-output
// message: got 'apple: 0'
// Detaches instead of joining: the main thread prints while the workers still sleep, so every
// slot still holds 0.
#include <chrono>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

const std::vector<std::string> words = {"apple", "kiwi", "banana", "fig", "cherry"};
std::vector<int> results(words.size());

void measure(std::size_t i, const std::string& word) {
  std::this_thread::sleep_for(std::chrono::milliseconds(50 * word.size()));
  results[i] = static_cast<int>(word.size());
}

int main() {
  for (std::size_t i = 0; i < words.size(); ++i) std::thread(measure, i, std::cref(words[i])).detach();
  int total = 0;
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::cout << words[i] << ": " << results[i] << '\n';
    total += results[i];
  }
  std::cout << "total: " << total << '\n';
}
