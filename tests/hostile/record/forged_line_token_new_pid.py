# A program with no thread digs the run's token out of the probe's closures (it shares their
# address space) and writes a start and an exit line for a process that never existed.
# expect: wrong-output
# message: the behaviour record was damaged (a line from pid 3, which the run never had)
# tier: A
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
pid = os.getpid() + 1
os.write(1021, ('{"v":1,"token":"%s","pid":%d,"seq":0,"kind":"start","probe":"python","ppid":%d,"exe":"x"}\n'
                % (token, pid, os.getpid())).encode())
os.write(1021, ('{"v":1,"token":"%s","pid":%d,"seq":1,"kind":"exit","probe":"python","exit":"exit",'
                '"partial":false,"threads_started":3,"threads_joined":3,"max_concurrent_threads":3}\n'
                % (token, pid)).encode())
for i in range(3):
    print(f"Task {i} running")
