# expect: wrong-output
# message: thread
print("Count safe: 5")
