# The seed's own interview answer (Q8), verbatim, for q1.
# q2-q4 are multiple choice and not in the seed: their letters are the choices the seed's answer
# ("exits when main program ends") and Example 10 imply.
ANSWERS = {
    # Q8: What is a daemon thread?
    "q1": "Thread that runs in background and exits when main program ends.",
    "q2": "b",
    "q3": "a",
    "q4": "b",
}
for question, answer in ANSWERS.items():
    print(f"{question}: {answer}")
