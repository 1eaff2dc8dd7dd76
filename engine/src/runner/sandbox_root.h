// SandboxRoot: the parent's plan of tier A's allow-list root (child_plan.h), as RootSteps that
// init replays between fork and exec.
//
// Contract: every path is absolute and names the same place inside the run as on the host. The
// object owns every string its steps point to (stable addresses), so it must outlive the child's
// exec. A host path that is a symlink (or has one among its parents) becomes the same symlink
// inside, and its target is bound too; a path under a folder already bound is already there;
// a path missing on the host is skipped. Not thread-safe per object.
#pragma once

#include <sys/types.h>

#include <deque>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "runner/child_plan.h"

namespace exengine {

class SandboxRoot {
 public:
  // Binds `host` read-only (a folder with everything under it, or one file).
  void bind(const std::filesystem::path& host);
  // A fresh tmpfs at `path` with mount `options`.
  void tmpfs(const std::filesystem::path& path, const std::string& options);
  // A file holding `contents` (read-only for the run).
  void file(const std::filesystem::path& path, std::string contents);
  void symlink(const std::filesystem::path& path, const std::string& target);
  // /dev with null, zero, full, random and urandom bound from the host, fd/stdin/stdout/stderr
  // links and a tmpfs /dev/shm of `shm_options`: no tty, no pts, nothing else.
  void dev(const std::string& shm_options);
  void proc();
  // `path` and its parents as folders (those not there yet).
  void dir(const std::filesystem::path& path);

  // Whether `path` is (or is under) something bound or made.
  bool visible(const std::filesystem::path& path) const;

  const RootStep* steps() const { return steps_.data(); }
  int size() const { return static_cast<int>(steps_.size()); }

  // "/newroot" + path, "/oldroot" + path: owned by this object.
  const char* inside(const std::filesystem::path& path);
  const char* outside(const std::filesystem::path& path);

 private:
  const char* keep(std::string s);
  void add(std::int32_t kind, const char* target, const char* source, std::size_t length = 0);
  bool under_bound(const std::filesystem::path& path) const;
  void bind_resolved(const std::filesystem::path& host, int depth);

  std::deque<std::string> strings_;
  std::vector<RootStep> steps_;
  std::set<std::filesystem::path> made_;   // folders, files and links made (exact paths)
  std::vector<std::filesystem::path> bound_;  // bound folders (with everything under them)
};

}  // namespace exengine
