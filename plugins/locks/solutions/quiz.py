print("q1: Protect the shared data with a threading.Lock so only one thread at a time changes it.")
print("q2: b")
print("q3: b")
print("q4: a")
