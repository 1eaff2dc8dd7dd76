// RunDirectory: the fresh, private working directory of one run.
//
// Contract: created under a per-engine-user root (mode 0711, so nobody can list other runs) with a
// random name and mode 0700, owned by the run's uid; removed with everything in it by the
// destructor (symlinks are removed, never followed). Not thread-safe per object; distinct objects
// may be used from different threads.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>

namespace exengine {

class RunDirectory {
 public:
  // Throws std::runtime_error with a one-line message when the directory cannot be made.
  RunDirectory(uid_t owner, gid_t group, bool change_owner);
  ~RunDirectory();
  RunDirectory(const RunDirectory&) = delete;
  RunDirectory& operator=(const RunDirectory&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Copies `source` in as `name` (owned by the run's uid). Throws std::runtime_error.
  void add(const std::filesystem::path& source, const std::string& name);
  // The root all run directories live in: $EXENGINE_RUN_ROOT or /tmp/exengine-runs-<euid>.
  static std::filesystem::path root();

 private:
  std::filesystem::path path_;
  uid_t owner_;
  gid_t group_;
  bool change_owner_;
};

}  // namespace exengine
