import threading


def print_numbers():
    for i in range(5):
        print("Thread:", i)


t = threading.Thread(target=print_numbers)
t.start()
t.join()
