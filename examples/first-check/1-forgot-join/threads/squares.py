# A learner's first try at threads/squares: the threads start, but the program never joins them.
import threading


def sq_task(n):
    print(n * n)


threads = [threading.Thread(target=sq_task, args=(n,)) for n in range(1, 6)]
for t in threads:
    t.start()
