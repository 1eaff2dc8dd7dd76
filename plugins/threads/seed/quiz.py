# The seed's own interview answers (Q2, Q3, Q5, Q7), verbatim, for q1-q4.
# q5 and q6 are multiple choice and not in the seed: their letters are the choices the seed's
# answers to Q5 ("threading.Thread(target=function)") and Q7 ("args=(arg1,arg2,...)") imply.
ANSWERS = {
    # Q2: What is GIL?
    "q1": "Global Interpreter Lock; allows only one thread to execute Python bytecode at a time.",
    # Q3: When to use threads?
    "q2": "For I/O-bound tasks like network calls or file reading.",
    # Q5: How to create a thread?
    "q3": "threading.Thread(target=function), then start().",
    # Q7: How to pass arguments to threads/processes?
    "q4": "Use args=(arg1,arg2,...) parameter.",
    "q5": "b",
    "q6": "c",
}
for question, answer in ANSWERS.items():
    print(f"{question}: {answer}")
