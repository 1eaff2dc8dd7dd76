import os, time
children = 0
for _ in range(400):
    pid = os.fork()
    if pid == 0:
        time.sleep(20)
        os._exit(0)
    children += 1
print("forked", children)
