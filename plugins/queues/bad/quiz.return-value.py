# expect: wrong-output
# message: q1
ANSWERS = {
    "q1": "Read p.return_value after join().",
    "q2": "b",
    "q3": "a",
}
for question, answer in ANSWERS.items():
    print(f"{question}: {answer}")
