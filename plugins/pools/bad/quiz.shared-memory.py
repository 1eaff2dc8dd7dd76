# expect: wrong-output
# message: q5
ANSWERS = {
    "q1": "Threads share memory; processes have separate memory. Threads for I/O, processes for CPU.",
    "q2": "For CPU-bound tasks like heavy computations.",
    "q3": "multiprocessing.Process(target=function), then start().",
    "q4": "c",
    "q5": "b",
}
for question, answer in ANSWERS.items():
    print(f"{question}: {answer}")
