# expect: wrong-output
# message: started 1 thread; the exercise asks for 3
# One thread prints all three lines: the output is right, the concurrency is not.
import threading


def tasks():
    for n in range(3):
        print(f"Task {n} running")


t = threading.Thread(target=tasks)
t.start()
t.join()
