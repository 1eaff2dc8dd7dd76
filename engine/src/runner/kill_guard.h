// KillGuard: a seccomp filter for tier B that stops the submission from signalling outside its
// own tree: kill(-1, …) (every process of the user, the engine included), its supervisor, and the
// supervisor's process group. Without namespaces nothing else would stop a same-uid program.
//
// Contract: async-signal-safe; installed in the main process just before exec (needs
// PR_SET_NO_NEW_PRIVS). Returns 0 or errno.
#pragma once

#include <sys/types.h>

namespace exengine {

int install_kill_guard(pid_t supervisor) noexcept;

}  // namespace exengine
