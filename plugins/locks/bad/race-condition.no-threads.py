# expect: wrong-output
# message: thread
count = 0
for _ in range(5):
    count += 1
print("Count with race condition:", count - 2)
