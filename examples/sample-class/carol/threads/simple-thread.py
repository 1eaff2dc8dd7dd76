# expect: wrong-output
# message: expected 'Thread: 0', got 'Thread: 4'
# Counts down instead of up: the lines of one thread come out in the wrong order.
import threading


def print_numbers():
    for i in reversed(range(5)):
        print("Thread:", i)


t = threading.Thread(target=print_numbers)
t.start()
t.join()
