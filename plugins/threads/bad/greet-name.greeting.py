# expect: wrong-output
# message: just a name
# Prints a sentence instead of just the name.
import threading


def greet(name):
    print("My name is", name)


t = threading.Thread(target=greet, args=("Tanuja",))
t.start()
t.join()
