# expect: passed
# isolation: read
import os
for t in (os.environ["OTHER"], os.environ["ANSWERS"] + "/expected.txt"):
    try:
        print(open(t).read().strip())
    except OSError:
        print("blocked")
