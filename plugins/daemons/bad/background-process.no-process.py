# expect: wrong-output
# message: process
print("Background Process")
