// Limits: what one run of a submission may use.
#pragma once

#include <cstdint>
#include <optional>

namespace exengine {

struct Limits {
  double wall_s = 5;                  // wall-clock timeout
  double cpu_s = 10;                  // CPU time, all threads and processes summed
  std::int64_t memory_mb = 512;       // address space / cgroup memory; 0: no address-space limit
                                      // (tier B race mode: ThreadSanitizer needs it unlimited)
  int processes = 64;                 // processes + threads
  std::int64_t output_bytes = 1 << 20;  // stdout and stderr each; past it: output-limit
  std::int64_t file_size_kb = 16 * 1024;  // largest file the program may write
  int open_files = 64;
  // Tier A: the run directory is a tmpfs of at most this many MiB and files (folders included).
  std::int64_t disk_mb = 64;
  std::int64_t disk_files = 4096;
};

// Per-exercise or command-line overrides; unset fields keep the value beneath.
struct LimitOverrides {
  std::optional<double> wall_s;
  std::optional<double> cpu_s;
  std::optional<std::int64_t> memory_mb;
  std::optional<int> processes;
  std::optional<std::int64_t> output_bytes;
  std::optional<std::int64_t> file_size_kb;
  std::optional<int> open_files;
  std::optional<std::int64_t> disk_mb;
  std::optional<std::int64_t> disk_files;

  void apply_to(Limits& l) const {
    if (wall_s) l.wall_s = *wall_s;
    if (cpu_s) l.cpu_s = *cpu_s;
    if (memory_mb) l.memory_mb = *memory_mb;
    if (processes) l.processes = *processes;
    if (output_bytes) l.output_bytes = *output_bytes;
    if (file_size_kb) l.file_size_kb = *file_size_kb;
    if (open_files) l.open_files = *open_files;
    if (disk_mb) l.disk_mb = *disk_mb;
    if (disk_files) l.disk_files = *disk_files;
  }
};

}  // namespace exengine
