# locks/condition-handoff: two threads take turns. The "ping" thread prints "ping" and the
# "pong" thread prints "pong", three times each, strictly alternating, starting with ping:
#   ping
#   pong
#   ping
#   pong
#   ping
#   pong
# Use one threading.Condition and a shared "whose turn" variable: each thread waits
# (cond.wait_for) until it is its turn, prints, hands the turn over and calls cond.notify_all().
# No time.sleep: sleeping makes the order likely, not certain.
import threading

cond = threading.Condition()
turn = "ping"


def player(word, other):
    global turn
    for _ in range(3):
        # TODO: wait for your turn, print(word), give the turn to `other`, notify
        pass


# TODO: start a thread for player("ping", "pong") and one for player("pong", "ping"), join both
