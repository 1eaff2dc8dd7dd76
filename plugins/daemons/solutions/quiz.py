print("q1: A background thread that is stopped automatically when the main program ends.")
print("q2: b")
print("q3: a")
print("q4: b")
