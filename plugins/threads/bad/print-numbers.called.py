# expect: wrong-output
# message: your lines were printed by the main thread before the thread started: pass the function itself, `target=print_nums`, not its result `print_nums()`
import threading


def print_nums():
    for i in range(5):
        print(i)


t = threading.Thread(target=print_nums())  # calls it here, in the main thread; target is None
t.start()
t.join()
