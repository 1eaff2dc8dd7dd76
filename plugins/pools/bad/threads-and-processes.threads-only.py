# expect: wrong-output
# message: process
import threading


def t_task(n):
    print(f"Thread {n}")


def p_task(n):
    print(f"Process {n}")


workers = [threading.Thread(target=t_task, args=(i,)) for i in range(2)]
workers += [threading.Thread(target=p_task, args=(i,)) for i in range(2)]
for w in workers:
    w.start()
for w in workers:
    w.join()
