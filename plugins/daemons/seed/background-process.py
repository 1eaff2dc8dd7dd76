import multiprocessing

# Challenge 9: Run process in background
def bg_proc():
    print("Background Process")
p = multiprocessing.Process(target=bg_proc)
p.start()
# Not joining to run in background
