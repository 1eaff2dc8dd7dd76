import multiprocessing

# Example 8: Process with return value using Queue
def proc_task(q):
    q.put("Data from process")
q = multiprocessing.Queue()
p = multiprocessing.Process(target=proc_task, args=(q,))
p.start()
p.join()
print(q.get())
