# expect: passed
# isolation: read
# A unix socket on the host, by its path (the test listens on it): not in tier A's root.
import os, socket
s = socket.socket(socket.AF_UNIX)
try:
    s.connect(os.environ["SOCKET"])
    s.sendall(b"hello from a run\n")
    print("connected")
except OSError:
    print("blocked")
