# expect: wrong-output
# message: q2
print("q1: Use a threading.Lock around the shared update.")
print("q2: a")
print("q3: b")
print("q4: a")
