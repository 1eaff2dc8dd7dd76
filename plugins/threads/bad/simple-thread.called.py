# expect: wrong-output
# message: your lines were printed by the main thread before the thread started: pass the function itself, `target=print_numbers`, not its result `print_numbers()`
import threading


def print_numbers():
    for i in range(5):
        print("Thread:", i)


t = threading.Thread(target=print_numbers())
t.start()
t.join()
