import multiprocessing

# Example 6: Multiple processes
def proc_task(n):
    print(f"Process {n} running")
processes = [multiprocessing.Process(target=proc_task, args=(i,)) for i in range(3)]
for p in processes: p.start()
for p in processes: p.join()
