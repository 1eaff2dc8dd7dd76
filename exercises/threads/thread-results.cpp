// threads/thread-results (C++): collect results from threads in a shared vector.
// For each word (in order), a thread runs measure(i, word): it sleeps 50 ms per letter (slow
// work), then stores the word's length in results[i]. Start one thread per word, join them all,
// and only then print, from main, "word: length" per word in the original order and
// "total: N", the sum. Expected output:
//   apple: 5
//   kiwi: 4
//   banana: 6
//   fig: 3
//   cherry: 6
//   total: 24
// Each thread writes only its own slot, so no two threads touch the same element.
#include <chrono>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

const std::vector<std::string> words = {"apple", "kiwi", "banana", "fig", "cherry"};
std::vector<int> results(words.size());

void measure(std::size_t i, const std::string& word) {
  std::this_thread::sleep_for(std::chrono::milliseconds(50 * word.size()));  // slow work
  // TODO: store the length of word in results[i].
}

int main() {
  // TODO: start one thread per word: threads.emplace_back(measure, i, std::cref(words[i]))
  // TODO: join them all, then print the lines and the total.
}
