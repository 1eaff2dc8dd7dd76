#include <chrono>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

const std::vector<std::string> words = {"apple", "kiwi", "banana", "fig", "cherry"};
std::vector<int> results(words.size());  // each thread writes only its own slot

void measure(std::size_t i, const std::string& word) {
  std::this_thread::sleep_for(std::chrono::milliseconds(50 * word.size()));  // slow work
  results[i] = static_cast<int>(word.size());
}

int main() {
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < words.size(); ++i) threads.emplace_back(measure, i, std::cref(words[i]));
  for (auto& t : threads) t.join();
  int total = 0;
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::cout << words[i] << ": " << results[i] << '\n';
    total += results[i];
  }
  std::cout << "total: " << total << '\n';
}
