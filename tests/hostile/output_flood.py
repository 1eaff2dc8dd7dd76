# expect: output-limit
while True:
    print("flood " * 100)
