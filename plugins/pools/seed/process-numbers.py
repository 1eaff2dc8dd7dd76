import multiprocessing

# Q5: Create 2 processes and print numbers
def proc_num(n):
    print(n)
processes = [multiprocessing.Process(target=proc_num, args=(i,)) for i in range(2)]
for p in processes: p.start()
for p in processes: p.join()
