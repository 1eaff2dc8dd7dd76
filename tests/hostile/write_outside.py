# expect: passed
# isolation: write
import os
targets = [os.environ["CANARY"] + "/planted.txt", os.environ["CANARY"] + "/keep.txt",
           "/tmp/exengine-hostile-escape.txt", "/var/tmp/exengine-hostile-escape.txt",
           os.path.dirname(os.getcwd()) + "/exengine-hostile-escape.txt"]
for t in targets:
    try:
        with open(t, "w") as f:
            f.write("escaped\n")
        print("wrote", t)
    except OSError:
        print("blocked")
with open("inside.txt", "w") as f:
    f.write("fine\n")
