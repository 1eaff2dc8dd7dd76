import multiprocessing

# Challenge 2: Create 3 processes to print cube of numbers 1-3
def cube(n): print(n**3)
processes = [multiprocessing.Process(target=cube,args=(i,)) for i in range(1,4)]
for p in processes: p.start()
for p in processes: p.join()
