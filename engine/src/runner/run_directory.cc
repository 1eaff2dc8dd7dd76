#include "runner/run_directory.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <random>
#include <stdexcept>
#include <system_error>

#include <fmt/format.h>

#include "runner/cgroup_backend.h"  // engine_alive

namespace exengine {

namespace fs = std::filesystem;

namespace {

// Removes `dir` and everything in it, giving back the permissions a program may have taken away.
void remove_tree(const fs::path& dir) {
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_directory(ec) && !it->is_symlink(ec)) ::chmod(it->path().c_str(), 0700);
  }
  ::chmod(dir.c_str(), 0700);
  fs::remove_all(dir, ec);
}

// Run directories of engines that are gone (SIGKILL, a crash): run-<pid>-... whose pid is dead, or
// a newer process. Once per engine, before its first run.
void remove_stale_runs(const fs::path& base) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(base, ec)) {
    const std::string name = e.path().filename().string();
    if (name.rfind("run-", 0) != 0) continue;
    const auto dash = name.find('-', 4);
    const std::string digits = name.substr(4, dash == std::string::npos ? std::string::npos : dash - 4);
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) continue;
    const pid_t pid = static_cast<pid_t>(std::strtol(digits.c_str(), nullptr, 10));
    if (pid != ::getpid() && !engine_alive(pid, e.path().string())) remove_tree(e.path());
  }
}

}  // namespace

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
  static std::once_flag cleaned;
  std::call_once(cleaned, [&] { remove_stale_runs(base); });
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

RunDirectory::~RunDirectory() { remove_tree(path_); }

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
