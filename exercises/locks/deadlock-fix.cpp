// locks/deadlock-fix (C++): this program hangs. Two threads move money between the same two
// accounts; each transfer locks the source account, pauses, then locks the destination. Thread 1
// goes A -> B while thread 2 goes B -> A, so each ends up holding the lock the other one waits
// for: a deadlock.
//
// Fix it without removing the locks or the pause: make every transfer take the two locks in one
// global order (for example by account name), whatever the direction. (std::scoped_lock, which
// avoids deadlock by itself, is a fine tool in real code; here, practise the lock order.)
// The program must then print exactly:
//   A: 500
//   B: 500
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
  std::this_thread::sleep_for(std::chrono::milliseconds(10));  // check the source account (slow)
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
