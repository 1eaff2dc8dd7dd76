import threading

cond = threading.Condition()
turn = "ping"


def player(word, other):
    global turn
    for _ in range(3):
        with cond:
            cond.wait_for(lambda: turn == word)
            print(word)
            turn = other
            cond.notify_all()


threads = [
    threading.Thread(target=player, args=("ping", "pong")),
    threading.Thread(target=player, args=("pong", "ping")),
]
for t in threads:
    t.start()
for t in threads:
    t.join()
