# expect: timeout
# message: deadlock
import threading
import time


class Account:
    def __init__(self, name, balance):
        self.name = name
        self.balance = balance
        self.lock = threading.Lock()


def transfer(source, dest, amount):
    with source.lock:
        time.sleep(0.01)  # check the source account (slow)
        with dest.lock:
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
