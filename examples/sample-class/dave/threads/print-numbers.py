import threading


def print_nums():
    for i in range(5):
        print(i)


t = threading.Thread(target=print_nums)
t.start()
t.join()
