# queues/pipeline: a two-stage pipeline of threads connected by queues.
#   main --squares_in--> square_stage --plus_one_in--> plus_one_stage --results--> main
# The main thread feeds 1..5 into squares_in, then the end marker DONE. square_stage squares each
# number, plus_one_stage adds 1; each stage passes DONE on when it sees it and returns. The main
# thread prints each result from `results` (one per line: 2, 5, 10, 17, 26) until DONE, then
# joins both stage threads. One thread per stage keeps the order.
import queue
import threading

DONE = None
squares_in = queue.Queue()
plus_one_in = queue.Queue()
results = queue.Queue()


def square_stage():
    # TODO: get from squares_in until DONE, put n * n into plus_one_in; finally put DONE
    pass


def plus_one_stage():
    # TODO: get from plus_one_in until DONE, put n + 1 into results; finally put DONE
    pass


# TODO: start both stages, feed 1..5 and DONE, print results until DONE, join the stages
