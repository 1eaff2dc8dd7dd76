import threading


def greet(name):
    print("Hello", name)


t = threading.Thread(target=greet, args=("Tanuja",))
t.start()
t.join()
