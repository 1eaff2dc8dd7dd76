# The seed's own interview answer (Q10), verbatim, for q1.
# q2-q4 are multiple choice and not in the seed: the letters are the lesson's right choices
# (count += 1 is a read, an add and a write; opposite lock orders deadlock; `with` releases).
ANSWERS = {
    # Q10: How to avoid race condition in threads?
    "q1": "Use threading.Lock to synchronize access to shared resources.",
    "q2": "b",
    "q3": "b",
    "q4": "a",
}
for question, answer in ANSWERS.items():
    print(f"{question}: {answer}")
