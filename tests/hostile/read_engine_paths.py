# expect: passed
# isolation: read
# What a run of `grade` must never reach: the checkout (plugins, solutions), the engine's folders,
# the compile cache, other homes; and nothing of the engine in /proc/1.
import os
for t in (os.environ["CHECKOUT"] + "/plugins/threads/plugin.toml", os.environ["CHECKOUT"] + "/.git",
          "/root", "/home", "/run", "/var/cache", "/proc/1/cmdline", "/proc/1/environ"):
    try:
        if os.path.isdir(t):
            os.listdir(t)
        else:
            open(t, "rb").read()
        print("read", t)
    except OSError:
        print("blocked")
