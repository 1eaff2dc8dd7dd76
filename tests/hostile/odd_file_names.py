# expect: passed
names = ["with space.txt", "new\nline.txt", "tab\there", "-dash", "ünïcödé", "\x1b[31mred"]
for n in names:
    with open(n, "w") as f:
        f.write(n)
import os
print(len([n for n in os.listdir(".") if n in names]))
