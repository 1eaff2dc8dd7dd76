# expect: wrong-output
# message: expected '0', got '4'
# The one thread prints its numbers in the wrong order.
import threading


def print_nums():
    for i in range(4, -1, -1):
        print(i)


t = threading.Thread(target=print_nums)
t.start()
t.join()
