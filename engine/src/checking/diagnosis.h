// Diagnosis: turns what a crashed program left on stderr into one line a learner can act on.
#pragma once

#include <string>
#include <string_view>

#include "manifest/manifest.h"

namespace exengine {

struct ProbeRecord;

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

// A worker's exception that is the whole story of a wrong output, to say instead of the grader's
// guess: an UnboundLocalError (a missing `global count` reads as "the counter is still 0 ...:
// missing join()" to the grader) gives "a thread raised UnboundLocalError: cannot access local
// variable 'count' ...: the function assigns to `count`, ...: add `global count` as the
// function's first line". Empty for anything else.
std::string leading_worker_error(std::string_view stderr_text);

// A failed idle_threads requirement says "pass the function itself, `target=f`, not its result
// `f()`"; with the submission's `source` holding one `target=NAME(...)`, NAME replaces f. Any
// other message comes back as it was.
std::string name_thread_target(std::string message, std::string_view source);

// What the behaviour record says went wrong in a run whose output was wrong, to say instead of the
// grader's guess: several distinct locks each taken once, "each thread took its own new Lock, so
// nothing was shared: create one Lock at module level". Empty when the record says nothing.
std::string diagnose_record(const ProbeRecord& record);

// `text` (a run's stderr) with the sandbox copy's paths replaced by the learner's: every
// `<run_root>/run-<id>/<sandbox_name>` becomes `learner_file`, and any other path in the run
// directory `<run_root>/run-<id>/x` becomes `x` beside the learner's file. So a traceback says
// `File "threads/simple-thread.py", line 3`, not `/tmp/exengine-runs-0/run-1a2b/simple-thread.py`.
std::string learner_paths(std::string_view text, std::string_view run_root, std::string_view sandbox_name,
                          std::string_view learner_file);

}  // namespace exengine
