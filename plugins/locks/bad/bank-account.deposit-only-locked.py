# expect: wrong-output
# message: lock
# Only deposit() is locked: withdraw() still races with it.
import threading
import time


class BankAccount:
    def __init__(self, balance):
        self._balance = balance
        self._lock = threading.Lock()

    def deposit(self, amount):
        with self._lock:
            self._balance += amount

    def withdraw(self, amount):
        if self._balance < amount:
            return False
        new = self._balance - amount
        time.sleep(0)  # a thread switch here loses the other threads' updates
        self._balance = new
        return True

    @property
    def balance(self):
        return self._balance


account = BankAccount(10000)


def depositor():
    for _ in range(100):
        account.deposit(10)
        time.sleep(0)


def withdrawer():
    for _ in range(100):
        if not account.withdraw(20):
            print("Refused")


threads = [threading.Thread(target=depositor) for _ in range(5)]
threads += [threading.Thread(target=withdrawer) for _ in range(5)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("Balance:", account.balance)
