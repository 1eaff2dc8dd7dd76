# threads/thread-names: name your threads and print the name from inside each one.
import threading


def hello():
    # TODO: print "Hello from" followed by the name of the thread running this code
    #       (threading.current_thread().name).
    pass


# TODO: print "Main thread:" followed by the main thread's name.
# TODO: start three threads running hello, named worker-1, worker-2, worker-3 (name=...).
# TODO: join them all, then print "All workers finished".
