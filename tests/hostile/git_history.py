# expect: passed
# isolation: read
# The checkout's git history holds every reference solution: git is in /usr, the checkout is not.
import os, subprocess
r = subprocess.run(["git", "-C", os.environ["CHECKOUT"], "show", "HEAD:plugins/threads/plugin.toml"],
                   capture_output=True)
print("read" if r.returncode == 0 and r.stdout else "blocked")
