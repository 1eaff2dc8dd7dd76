# expect: wrong-output
# message: got 'Hello, Tanuja'
# Prints "Hello, Tanuja": the greeting has a stray comma.
import threading


def greet(name):
    print("Hello,", name)


t = threading.Thread(target=greet, args=("Tanuja",))
t.start()
t.join()
