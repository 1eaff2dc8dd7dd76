# locks/bank-account: make BankAccount thread-safe.
# Five threads each deposit 10, a hundred times; five threads each withdraw 20, a hundred
# times. The account starts at 10000, so no withdrawal can ever be refused, and the final
# balance must be exactly 5000 however the threads interleave. Print "Balance: 5000".
# Give the account its own threading.Lock and hold it in every method that touches
# _balance (the check-then-withdraw must be one locked step).
import threading


class BankAccount:
    def __init__(self, balance):
        self._balance = balance

    def deposit(self, amount):
        self._balance += amount

    def withdraw(self, amount):
        if self._balance < amount:
            return False
        self._balance -= amount
        return True

    @property
    def balance(self):
        return self._balance


account = BankAccount(10000)


def depositor():
    for _ in range(100):
        account.deposit(10)


def withdrawer():
    for _ in range(100):
        if not account.withdraw(20):
            print("Refused")


# TODO: start 5 depositor and 5 withdrawer threads, join them all,
# then print("Balance:", account.balance)
