# expect: passed
# isolation: network
import socket
for host, port in (("127.0.0.1", 22), ("127.0.0.1", 80), ("1.1.1.1", 53), ("8.8.8.8", 443)):
    s = socket.socket()
    s.settimeout(0.5)
    try:
        s.connect((host, port))
        print("connected", host)
    except OSError:
        print("blocked")
    finally:
        s.close()
