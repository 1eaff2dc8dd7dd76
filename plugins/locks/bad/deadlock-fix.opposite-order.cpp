// expect: timeout
// message: killed after 5 s
// The starter, unchanged: each transfer locks its source first, so the two directions take the
// same two locks in opposite orders; each thread holds one lock and waits for the other forever.
#include <chrono>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

struct Account {
  std::string name;
  int balance;
  std::mutex mutex;
};

void transfer(Account& source, Account& dest, int amount) {
  std::lock_guard<std::mutex> lock_source(source.mutex);
  std::this_thread::sleep_for(std::chrono::milliseconds(10));
  std::lock_guard<std::mutex> lock_dest(dest.mutex);
  source.balance -= amount;
  dest.balance += amount;
}

Account a{"A", 500, {}};
Account b{"B", 500, {}};

void a_to_b() {
  for (int i = 0; i < 10; ++i) transfer(a, b, 1);
}

void b_to_a() {
  for (int i = 0; i < 10; ++i) transfer(b, a, 1);
}

int main() {
  std::vector<std::thread> threads;
  threads.emplace_back(a_to_b);
  threads.emplace_back(b_to_a);
  for (auto& t : threads) t.join();
  std::cout << "A: " << a.balance << '\n';
  std::cout << "B: " << b.balance << '\n';
}
