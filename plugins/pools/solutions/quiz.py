ANSWERS = {
    "q1": "Threads share one memory space; processes each have their own. Threads suit I/O-bound work, processes CPU-bound work.",
    "q2": "For CPU-bound work such as heavy computation, which threads cannot speed up because of the GIL.",
    "q3": "Create multiprocessing.Process(target=function, args=(...)), then call start() and join().",
    "q4": "c",
    "q5": "a",
}
for question, answer in ANSWERS.items():
    print(f"{question}: {answer}")
