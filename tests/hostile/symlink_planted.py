# expect: passed
# The engine removes the run directory afterwards: it must not follow these links.
import os
os.symlink(os.environ["CANARY"], "link-to-canary")
os.symlink(os.environ["CANARY"] + "/keep.txt", "link-to-file")
os.symlink("/", "root")
print("planted")
