# expect: wrong-output
# message: queue
print(5 + 7)
