import multiprocessing

# Challenge 3: Use Queue to get results from process
def add(a,b,q):
    q.put(a+b)
q = multiprocessing.Queue()
p = multiprocessing.Process(target=add,args=(5,7,q))
p.start(); p.join()
print(q.get())
