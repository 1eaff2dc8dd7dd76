# expect: wrong-output
# message: exactly one line
# args=("Tanuja") is a string: greet gets six arguments, the thread dies with a TypeError, and
# nothing is printed.
import threading


def greet(name):
    print(name)


t = threading.Thread(target=greet, args=("Tanuja"))
t.start()
t.join()
