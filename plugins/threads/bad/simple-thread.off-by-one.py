# expect: wrong-output
# message: expected 'Thread: 0', got 'Thread: 1'
# range(1, 6) prints 1..5: "Thread: 0" is missing and "Thread: 5" is extra.
import threading


def print_numbers():
    for i in range(1, 6):
        print("Thread:", i)


t = threading.Thread(target=print_numbers)
t.start()
t.join()
