ANSWERS = {
    "q1": "The Global Interpreter Lock: only one thread at a time may execute Python bytecode.",
    "q2": "For I/O-bound work such as network requests or reading files, where threads mostly wait.",
    "q3": "Make threading.Thread(target=func) and call its start() method.",
    "q4": "Give them as a tuple in args, e.g. args=(1, 2) or args=(x,).",
    "q5": "b",
    "q6": "c",
}
for question, answer in ANSWERS.items():
    print(f"{question}: {answer}")
