# expect: passed
# No terminal: /dev/tty does not exist (tier A) or is no controlling terminal (a new session), and
# TIOCSTI on every descriptor fails. Run under a real pty by its own test case too.
import fcntl, os, termios
hits = []
try:
    fd = os.open("/dev/tty", os.O_RDWR)
    os.write(fd, b"\x1b]0;pwned\x07echo raw\n")
    hits.append("tty")
    for c in b"id\n":
        fcntl.ioctl(fd, termios.TIOCSTI, bytes([c]))
    hits.append("tiocsti-tty")
except OSError:
    pass
for fd in (0, 1, 2):
    try:
        fcntl.ioctl(fd, termios.TIOCSTI, b"x")
        hits.append("tiocsti-%d" % fd)
    except OSError:
        pass
print(" ".join(hits) if hits else "no terminal")
