import threading

def work(n):
    print(10 // n)       # ZeroDivisionError in the main thread below

work(0)
