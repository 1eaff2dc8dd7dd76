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
  // Every transfer takes the two locks in one global order (by name): no cycle, no deadlock.
  Account& first = source.name < dest.name ? source : dest;
  Account& second = source.name < dest.name ? dest : source;
  std::lock_guard<std::mutex> lock_first(first.mutex);
  std::this_thread::sleep_for(std::chrono::milliseconds(10));  // check the source account (slow)
  std::lock_guard<std::mutex> lock_second(second.mutex);
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
