#include <iostream>
#include <mutex>
#include <thread>
#include <vector>

class BankAccount {
 public:
  explicit BankAccount(int balance) : balance_(balance) {}

  void deposit(int amount) {
    std::lock_guard<std::mutex> lock(mutex_);
    balance_ += amount;
  }

  bool withdraw(int amount) {
    std::lock_guard<std::mutex> lock(mutex_);  // the check and the subtraction: one locked step
    if (balance_ < amount) return false;
    balance_ -= amount;
    return true;
  }

  int balance() {
    std::lock_guard<std::mutex> lock(mutex_);
    return balance_;
  }

 private:
  std::mutex mutex_;
  int balance_;
};

BankAccount account(10000);

void depositor() {
  for (int i = 0; i < 100; ++i) account.deposit(10);
}

void withdrawer() {
  for (int i = 0; i < 100; ++i)
    if (!account.withdraw(20)) std::cout << "Refused\n";
}

int main() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 5; ++i) threads.emplace_back(depositor);
  for (int i = 0; i < 5; ++i) threads.emplace_back(withdrawer);
  for (auto& t : threads) t.join();
  std::cout << "Balance: " << account.balance() << '\n';
}
