# expect: wrong-output
# message: q2: 'For CPU-bound number crunching' is not right: threads help with I/O-bound work
# Threads do not speed up CPU-bound Python code; and q6 forgets the tuple comma.
ANSWERS = {
    "q1": "Global Interpreter Lock; allows only one thread to execute Python bytecode at a time.",
    "q2": "For CPU-bound number crunching",
    "q3": "threading.Thread(target=function), then start().",
    "q4": "Use args=(arg1,arg2,...) parameter.",
    "q5": "b",
    "q6": "a",
}
for question, answer in ANSWERS.items():
    print(f"{question}: {answer}")
