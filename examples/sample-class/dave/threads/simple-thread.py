import threading, time

def work():
    while True:          # never ends, and the thread is not a daemon
        time.sleep(0.1)

threading.Thread(target=work).start()
