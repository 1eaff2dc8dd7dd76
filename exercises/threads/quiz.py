# threads/quiz: set each answer below, then run this file. It prints one "qN: ANSWER" line each.
# Free text: one short sentence in your own words. Multiple choice: one letter.

ANSWERS = {
    # q1 (free text): What is the GIL, and what does it allow?
    "q1": "",
    # q2 (free text): When should you use threads?
    "q2": "",
    # q3 (free text): How do you create and run a thread?
    "q3": "",
    # q4 (free text): How do you pass arguments to a thread's function?
    "q4": "",
    # q5 (choice): What does threading.Thread(target=work()) do?
    #   a) runs work in the new thread once start() is called
    #   b) calls work immediately in the current thread and gives the thread its return value as target
    #   c) raises a SyntaxError
    #   d) runs work twice
    "q5": "",
    # q6 (choice): Which call runs greet("Ada") in a new thread?
    #   a) threading.Thread(target=greet, args=("Ada"))
    #   b) threading.Thread(target=greet, name="Ada")
    #   c) threading.Thread(target=greet, args=("Ada",))
    #   d) threading.Thread(target=greet("Ada"))
    "q6": "",
}

for question, answer in ANSWERS.items():
    print(f"{question}: {answer}")
