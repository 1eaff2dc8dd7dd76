// Reading and cleaning up cgroup files, shared by the v1 and v2 backends.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "runner/cgroup_backend.h"

namespace exengine {

std::int64_t keyed_value(const std::string& text, const std::string& key);  // "key value" lines, or -1
std::int64_t single_value(const std::string& text);   // a file holding one number, or -1 ("max": -1)
double usage_ms(const std::string& cpu_stat);         // cpu.stat usage_usec in ms, or -1
void kill_listed(const std::string& procs);           // SIGKILL each pid of a cgroup.procs text
// rmdir `dirs` in reverse order; a busy one is killed (`kill`) and retried for up to a second.
void remove_dirs(CgroupFiles& files, const std::vector<std::string>& dirs, const std::function<void()>& kill);

}  // namespace exengine
