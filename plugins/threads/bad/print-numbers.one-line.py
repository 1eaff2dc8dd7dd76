# expect: wrong-output
# message: got '0 1 2 3 4'
# end=" " keeps every number on one line.
import threading


def print_nums():
    for i in range(5):
        print(i, end=" ")
    print()


t = threading.Thread(target=print_nums)
t.start()
t.join()
