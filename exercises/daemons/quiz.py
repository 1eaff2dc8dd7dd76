# daemons/quiz: print one line per question, "qN: ANSWER" (see `exengine show daemons/quiz`).
print("q1: ")
print("q2: ")
print("q3: ")
print("q4: ")
