#include "runner/run_directory.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <random>
#include <stdexcept>
#include <system_error>

#include <fmt/format.h>

namespace exengine {

namespace fs = std::filesystem;

fs::path RunDirectory::root() {
  if (const char* env = std::getenv("EXENGINE_RUN_ROOT"); env && *env) return env;
  return fs::path("/tmp") / fmt::format("exengine-runs-{}", ::geteuid());
}

RunDirectory::RunDirectory(uid_t owner, gid_t group, bool change_owner)
    : owner_(owner), group_(group), change_owner_(change_owner) {
  const fs::path base = root();
  if (::mkdir(base.c_str(), 0711) != 0 && errno != EEXIST) {
    throw std::runtime_error(fmt::format("cannot create the run root {}: {}", base.string(),
                                         std::strerror(errno)));
  }
  struct stat st {};
  if (::lstat(base.c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != ::geteuid()) {
    throw std::runtime_error(
        fmt::format("the run root {} is not a directory owned by this user", base.string()));
  }
  ::chmod(base.c_str(), 0711);
  static std::atomic<unsigned> counter{0};
  thread_local std::mt19937_64 rng{std::random_device{}()};
  for (int attempt = 0; attempt < 16; ++attempt) {
    fs::path p = base / fmt::format("run-{}-{}-{:012x}", ::getpid(), counter++, rng() & 0xffffffffffffULL);
    if (::mkdir(p.c_str(), 0700) == 0) {
      path_ = p;
      break;
    }
    if (errno != EEXIST) {
      throw std::runtime_error(
          fmt::format("cannot create a run directory in {}: {}", base.string(), std::strerror(errno)));
    }
  }
  if (path_.empty()) throw std::runtime_error("cannot create a run directory: every name taken");
  if (change_owner_ && ::chown(path_.c_str(), owner_, group_) != 0) {
    std::error_code ec;
    fs::remove(path_, ec);
    throw std::runtime_error(fmt::format("cannot give the run directory {} to uid {}: {}",
                                         path_.string(), owner_, std::strerror(errno)));
  }
}

RunDirectory::~RunDirectory() {
  std::error_code ec;
  // The program may have removed its own permissions; give them back before removing.
  for (auto it = fs::recursive_directory_iterator(path_, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_directory(ec) && !it->is_symlink(ec)) ::chmod(it->path().c_str(), 0700);
  }
  ::chmod(path_.c_str(), 0700);
  fs::remove_all(path_, ec);
}

void RunDirectory::add(const fs::path& source, const std::string& name) {
  const fs::path target = path_ / name;
  std::error_code ec;
  if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
  fs::copy_file(source, target, fs::copy_options::overwrite_existing, ec);
  if (ec) {
    throw std::runtime_error(fmt::format("cannot copy {} into the run directory: {}", source.string(),
                                         ec.message()));
  }
  if (change_owner_) ::chown(target.c_str(), owner_, group_);
}

}  // namespace exengine
