// ReducedIsolation: whether `exengine grade` may run a class with the isolation this engine has.
//
// Policy (issue 14, Must 9): in tier B a root engine still gives every run its own uid (see
// runner/run_uid_pool.h), but a non-root engine runs every student's program under the TA's own
// uid: a program could kill the engine, read classmates' files or rewrite OUT/journal.jsonl and so
// change another student's grade. `grade` refuses that unless the TA says
// --allow-reduced-isolation. `check` of one's own code is not gated (its tier B warning stays).
#pragma once

#include <sys/types.h>

#include <string>

namespace exengine {

// The one-line error for `grade` (without "exengine: error: "), or empty when grading may go on.
// `tier`: the runner's ("A" or "B"); `engine_root`: geteuid() == 0; `uid`: the engine's uid.
std::string reduced_isolation_refusal(const std::string& tier, bool engine_root, uid_t uid, bool allowed);

}  // namespace exengine
