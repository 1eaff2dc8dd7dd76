// Diagnosis: turns what a crashed program left on stderr into one line a learner can act on.
#pragma once

#include <string>
#include <string_view>

namespace exengine {

// The exception (last non-empty stderr line of a Python traceback, e.g. "NameError: name 'x' is
// not defined"), followed by a teaching hint when the pattern is a known concurrency mistake (a
// Pool started without the `if __name__ == "__main__":` guard, pickling a lambda, joining a thread
// that was never started, ...). Empty when stderr says nothing useful. Control characters are
// escaped; the result is at most ~300 bytes.
std::string diagnose_stderr(std::string_view stderr_text, std::string_view language);

}  // namespace exengine
