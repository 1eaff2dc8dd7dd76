import threading
import multiprocessing

# Challenge 10: Combine threads and processes
def t_task(n): print(f"Thread {n}")
def p_task(n): print(f"Process {n}")
threads = [threading.Thread(target=t_task,args=(i,)) for i in range(2)]
processes = [multiprocessing.Process(target=p_task,args=(i,)) for i in range(2)]
for t in threads: t.start()
for p in processes: p.start()
for t in threads: t.join()
for p in processes: p.join()
