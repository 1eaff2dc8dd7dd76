# The seed's own interview answers (Q1, Q4, Q6), verbatim, for q1-q3.
# q4 and q5 are multiple choice and not in the seed: their letters are the choices the seed's
# answers imply (processes for CPU-bound work; each process has its own memory).
ANSWERS = {
    # Q1: Difference between threading and multiprocessing?
    "q1": "Threads share memory; processes have separate memory. Threads good for I/O, processes for CPU tasks.",
    # Q4: When to use processes?
    "q2": "For CPU-bound tasks like heavy computations.",
    # Q6: How to create a process?
    "q3": "multiprocessing.Process(target=function), then start().",
    "q4": "c",
    "q5": "a",
}
for question, answer in ANSWERS.items():
    print(f"{question}: {answer}")
