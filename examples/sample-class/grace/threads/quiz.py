# expect: wrong-output
# message: q1: 'It makes Python faster on many cores' is not right: the GIL lets only one thread
# A wrong idea of the GIL and the classic target=work() slip.
ANSWERS = {
    "q1": "It makes Python faster on many cores",
    "q2": "For I/O-bound tasks like network calls or file reading.",
    "q3": "threading.Thread(target=function), then start().",
    "q4": "Use args=(arg1,arg2,...) parameter.",
    "q5": "a",
    "q6": "c",
}
for question, answer in ANSWERS.items():
    print(f"{question}: {answer}")
