# expect: wrong-output
# message: exactly one line
# The thread prints the name twice.
import threading


def greet(name):
    print(name)
    print(name)


t = threading.Thread(target=greet, args=("Tanuja",))
t.start()
t.join()
