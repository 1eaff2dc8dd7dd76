import threading

# Challenge 7: Race condition example
count = 0
def unsafe_inc():
    global count
    count+=1
threads = [threading.Thread(target=unsafe_inc) for _ in range(5)]
for t in threads: t.start()
for t in threads: t.join()
print("Count with race condition:", count)
