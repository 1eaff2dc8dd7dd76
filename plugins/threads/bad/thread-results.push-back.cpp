// expect: wrong-output
// message: expected 'apple: 5', got 'apple: 3'
// push_back() stores the lengths in the order the threads finish (shortest word first), not in
// the order of the words.
#include <chrono>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

const std::vector<std::string> words = {"apple", "kiwi", "banana", "fig", "cherry"};
std::vector<int> results;
std::mutex results_mutex;

void measure(const std::string& word) {
  std::this_thread::sleep_for(std::chrono::milliseconds(50 * word.size()));
  std::lock_guard<std::mutex> lock(results_mutex);
  results.push_back(static_cast<int>(word.size()));
}

int main() {
  std::vector<std::thread> threads;
  for (const auto& w : words) threads.emplace_back(measure, std::cref(w));
  for (auto& t : threads) t.join();
  int total = 0;
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::cout << words[i] << ": " << results[i] << '\n';
    total += results[i];
  }
  std::cout << "total: " << total << '\n';
}
