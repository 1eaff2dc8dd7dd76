import multiprocessing

# Q2: Create a process that prints "Hello Process"
def hello_proc():
    print("Hello Process")
p = multiprocessing.Process(target=hello_proc)
p.start()
p.join()
