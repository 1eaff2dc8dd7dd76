import threading

# Challenge 1: Create 5 threads that print square of numbers 1-5
def sq_task(n):
    print(n*n)
threads = [threading.Thread(target=sq_task,args=(i,)) for i in range(1,6)]
for t in threads: t.start()
for t in threads: t.join()
