import multiprocessing

# Example 5: Simple process
def proc_task():
    print("Process running")
p = multiprocessing.Process(target=proc_task)
p.start()
p.join()
