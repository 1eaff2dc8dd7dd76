ANSWERS = {
    "q1": "Send them back through a multiprocessing.Queue, or let a Pool collect them with map().",
    "q2": "b",
    "q3": "a",
}
for question, answer in ANSWERS.items():
    print(f"{question}: {answer}")
