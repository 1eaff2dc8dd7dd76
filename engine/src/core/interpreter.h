// Interpreter lookup: the real binary of an interpreter, resolved once per process.
//
// A pyenv-style `python3` shim on PATH costs about 0.35 s per start; the binary it execs costs
// about 0.035 s. So PATH entries whose `python3` is a script (a shim) are skipped, and when every
// candidate is a shim the shim is asked once for sys.executable.
#pragma once

#include <string>

namespace exengine {

// Absolute path of the Python interpreter submissions run with: $EXENGINE_PYTHON if set, else the
// first non-shim python3 on PATH, else what a shim reports. Empty if there is none. Thread-safe.
const std::string& python_interpreter();

// Resolves `name` on `path_env` (colon-separated), skipping scripts when `skip_scripts`.
std::string find_on_path(const std::string& name, const std::string& path_env, bool skip_scripts);

}  // namespace exengine
