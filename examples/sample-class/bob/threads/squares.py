# expect: wrong-output
# message: joined 0 threads; the exercise asks for 5
# Never joins: Python still waits for the threads at exit, so the output looks right, but the
# program does not wait for its workers itself.
import threading


def sq_task(n):
    print(n * n)


threads = [threading.Thread(target=sq_task, args=(n,)) for n in range(1, 6)]
for t in threads:
    t.start()
