# expect: wrong-output
# message: started 0 threads; the exercise asks for 1
# Calls the function directly: the right lines, but no thread at all.
def print_numbers():
    for i in range(5):
        print("Thread:", i)


print_numbers()
