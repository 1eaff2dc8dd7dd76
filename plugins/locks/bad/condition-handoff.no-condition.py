# expect: wrong-output
# message: pong
import threading


def player(word):
    for _ in range(3):
        print(word)


threads = [threading.Thread(target=player, args=(w,)) for w in ("ping", "pong")]
for t in threads:
    t.start()
for t in threads:
    t.join()
