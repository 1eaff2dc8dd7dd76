import sys, threading
def work():
    sys.stdout.buffer.write(b"\xff\xfe\x1b[31mnot text\x00\n")
t = threading.Thread(target=work)
t.start()
t.join()
