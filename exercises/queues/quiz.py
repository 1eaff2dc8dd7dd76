# queues/quiz: set the answers, then run the file: it prints one "qN: ANSWER" line per question
# (see `exengine show queues/quiz`). Free text: one short sentence. Choices: one letter.
ANSWERS = {
    "q1": "",
    "q2": "",
    "q3": "",
}
for question, answer in ANSWERS.items():
    print(f"{question}: {answer}")
