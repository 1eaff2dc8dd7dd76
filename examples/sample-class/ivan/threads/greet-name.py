import threading


def greet(name):
    print(name)


t = threading.Thread(target=greet, args=("Ada Lovelace",))
t.start()
t.join()
