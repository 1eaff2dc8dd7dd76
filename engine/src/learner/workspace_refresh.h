// refresh_unchecked: brings a workspace's recorded verdicts up to date by checking every file that
// changed since its last check (ItemStatus::unchecked), so `progress` is right after edits made
// outside `watch` and across restarts.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

namespace exengine {

class Checker;
class LearnerWorkspace;

// Checks the unchecked items on up to `jobs` threads, records the verdicts and saves the state.
// `on_start(n)` is called first with the number of files to check (not called when there are
// none). Returns that number. Throws StateError when the state cannot be saved.
std::size_t refresh_unchecked(LearnerWorkspace& workspace, const Checker& checker, unsigned jobs,
                              const std::function<void(std::size_t)>& on_start = {});

}  // namespace exengine
