// Diagnosis: turns what a crashed program left on stderr into one line a learner can act on.
#pragma once

#include <string>
#include <string_view>

#include "manifest/manifest.h"

namespace exengine {

// The exception (last non-empty stderr line of a Python traceback, e.g. "NameError: name 'x' is
// not defined"), followed by a teaching hint when the pattern is a known concurrency mistake (a
// Pool started without the `if __name__ == "__main__":` guard, pickling a lambda, joining a thread
// that was never started, ...). Empty when stderr says nothing useful. Control characters are
// escaped; the result is at most ~300 bytes.
std::string diagnose_stderr(std::string_view stderr_text, std::string_view language);

// Only the teaching hint of a known pattern in stderr (see diagnose_stderr), or empty.
std::string known_mistake_hint(std::string_view stderr_text);

// What the exercise's author says a run that is too slow usually means: the `message_slow` of a
// `timing` grader, wherever it stands in the grader tree (e.g. inside `all`). Empty if none.
std::string timeout_hint(const GraderSpec& grader);

// For a run that finished but left a traceback on stderr (a thread that died, an exception in a
// worker process): "a thread raised an exception: TypeError: …". Empty when stderr has none.
std::string diagnose_worker_errors(std::string_view stderr_text);

// `text` (a run's stderr) with the sandbox copy's paths replaced by the learner's: every
// `<run_root>/run-<id>/<sandbox_name>` becomes `learner_file`, and any other path in the run
// directory `<run_root>/run-<id>/x` becomes `x` beside the learner's file. So a traceback says
// `File "threads/simple-thread.py", line 3`, not `/tmp/exengine-runs-0/run-1a2b/simple-thread.py`.
std::string learner_paths(std::string_view text, std::string_view run_root, std::string_view sandbox_name,
                          std::string_view learner_file);

}  // namespace exengine
