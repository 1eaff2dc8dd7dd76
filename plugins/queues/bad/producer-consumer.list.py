# expect: wrong-output
# message: queue
items = list(range(1, 6))
for item in items:
    print(f"Consumed {item}")
print("Consumer done")
