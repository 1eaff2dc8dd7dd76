# expect: wrong-output
# message: lock
# "Fixed" by dropping the locks: no deadlock, but the transfers are no longer protected.
import threading
import time


class Account:
    def __init__(self, name, balance):
        self.name = name
        self.balance = balance


def transfer(source, dest, amount):
    time.sleep(0.01)
    source.balance -= amount
    dest.balance += amount


a = Account("A", 500)
b = Account("B", 500)


def a_to_b():
    for _ in range(10):
        transfer(a, b, 1)


def b_to_a():
    for _ in range(10):
        transfer(b, a, 1)


threads = [threading.Thread(target=a_to_b), threading.Thread(target=b_to_a)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("A:", a.balance)
print("B:", b.balance)
