# expect: wrong-output
# message: the program printed nothing
# args=("Tanuja") is a string, not a tuple: the thread calls greet with six letters and dies with
# a TypeError (printed on stderr); the main thread still exits 0 and nothing is printed.
import threading


def greet(name):
    print("Hello", name)


t = threading.Thread(target=greet, args=("Tanuja"))
t.start()
t.join()
