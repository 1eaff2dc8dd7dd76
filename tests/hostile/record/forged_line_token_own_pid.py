# With the token dug out of the probe's closures, the program writes its own exit line early,
# claiming three threads; the probe's real exit line then repeats its sequence number.
# expect: wrong-output
# message: the behaviour record was damaged (a repeated line (pid
import os


def find_token():
    seen, todo = set(), [os._exit]
    while todo:
        f = todo.pop()
        if id(f) in seen:
            continue
        seen.add(id(f))
        for cell in getattr(f, '__closure__', None) or ():
            try:
                v = cell.cell_contents
            except ValueError:
                continue
            if isinstance(v, str) and len(v) == 32 and all(c in '0123456789abcdef' for c in v):
                return v
            if callable(v):
                todo.append(v)
    raise SystemExit("token not found")


token = find_token()
os.write(1021, ('{"v":1,"token":"%s","pid":%d,"seq":1,"kind":"exit","probe":"python","exit":"exit",'
                '"partial":false,"threads_started":3,"threads_joined":3,"max_concurrent_threads":3}\n'
                % (token, os.getpid())).encode())
for i in range(3):
    print(f"Task {i} running")
