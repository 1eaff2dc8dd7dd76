// locks/bank-account (C++): make BankAccount thread-safe.
// Five threads each deposit 10, a hundred times; five threads each withdraw 20, a hundred times.
// The account starts at 10000, so no withdrawal can ever be refused, and the final balance must
// be exactly 5000: the program prints "Balance: 5000".
// Give the account its own std::mutex and hold it in every member function that touches
// balance_ (the check-then-withdraw must be one locked step). Built with ThreadSanitizer.
#include <iostream>
#include <mutex>
#include <thread>
#include <vector>

class BankAccount {
 public:
  explicit BankAccount(int balance) : balance_(balance) {}

  void deposit(int amount) { balance_ += amount; }

  bool withdraw(int amount) {
    if (balance_ < amount) return false;
    balance_ -= amount;
    return true;
  }

  int balance() { return balance_; }

 private:
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
  // TODO: start 5 depositor and 5 withdrawer threads, join them all,
  //       then print "Balance: " << account.balance().
}
