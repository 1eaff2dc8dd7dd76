# expect: wrong-output
# message: process
numbers = list(range(100_000))
print(f"Received {len(numbers)} numbers, sum {sum(numbers)}")
