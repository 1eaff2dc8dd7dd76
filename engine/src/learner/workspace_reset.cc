#include "learner/workspace_reset.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>
#include <system_error>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "learner/learner_workspace.h"
#include "plugin_host/catalog.h"

namespace exengine {
namespace fs = std::filesystem;

namespace {

std::string read_bytes(const fs::path& p, const std::string& rel) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  if (!in) throw WorkspaceError(fmt::format("{}: cannot read it: nothing was changed", rel));
  return s.str();
}

// Writes `bytes` to a file that must not exist yet; false when it exists.
bool write_new(const fs::path& p, const std::string& bytes, mode_t mode, const std::string& rel) {
  int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) {
    if (errno == EEXIST) return false;
    throw WorkspaceError(fmt::format("{}: cannot write it ({}): nothing was changed", rel, std::strerror(errno)));
  }
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = errno;
      ::close(fd);
      ::unlink(p.c_str());
      throw WorkspaceError(fmt::format("{}: cannot write it ({}): nothing was changed", rel, std::strerror(err)));
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    ::unlink(p.c_str());
    throw WorkspaceError(fmt::format("{}: cannot write it: nothing was changed", rel));
  }
  return true;
}

double seconds(const timespec& t) { return static_cast<double>(t.tv_sec) + t.tv_nsec / 1e9; }

}  // namespace

ResetReport reset_exercise(const Catalog& catalog, const LearnerWorkspace& ws, const Exercise& exercise) {
  const WorkspaceItem* item = ws.item(exercise.id);
  if (!item) {
    const auto& topics = ws.state().topics;
    if (std::find(topics.begin(), topics.end(), exercise.topic) == topics.end())
      throw WorkspaceError(fmt::format("{} is not in this workspace (its topics: {}; add one with `exengine init --topics {} .`)",
                                       exercise.id, fmt::join(topics, ", "), exercise.topic));
    throw WorkspaceError(fmt::format("{} is not in this workspace: it has no {} starter", exercise.id,
                                     ws.language() == "cpp" ? "C++" : "Python"));
  }
  ResetReport report;
  report.rel = item->rel;
  const fs::path file = ws.path_of(*item);
  const fs::path starter = catalog.starter(exercise, extension_for(ws.language()));
  const std::string starter_bytes = read_bytes(starter, starter.string());

  struct stat st {};
  const bool exists = ::lstat(file.c_str(), &st) == 0;
  if (exists) {
    if (!S_ISREG(st.st_mode))
      throw WorkspaceError(fmt::format("{} is not a regular file: move it away yourself, then reset again (nothing was changed)", item->rel));
    const std::string mine = read_bytes(file, item->rel);
    if (mine == starter_bytes) {
      report.kind = ResetReport::already_starter;
      return report;
    }
    timespec now{};
    ::clock_gettime(CLOCK_REALTIME, &now);
    const double age = seconds(now) - seconds(st.st_mtim);
    if (age < kResetQuietSeconds && age > -kResetQuietSeconds)
      throw WorkspaceError(fmt::format(
          "{} was saved less than a second ago: if an editor has unsaved changes, save or close it, then reset again (nothing was changed)",
          item->rel));
    for (int n = 1;; ++n) {
      const std::string backup_rel = fmt::format("{}.before-reset-{}", item->rel, n);
      if (write_new(ws.root() / backup_rel, mine, st.st_mode & 0777, backup_rel)) {
        report.backup_rel = backup_rel;
        break;
      }
    }
  } else {
    report.kind = ResetReport::was_missing;
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
  }
  const fs::path temp = file.parent_path() / fmt::format(".{}.reset-{}", file.filename().string(), ::getpid());
  ::unlink(temp.c_str());
  const std::string keep = report.backup_rel.empty() ? "nothing was changed"
                                                     : fmt::format("your file is kept as {}", report.backup_rel);
  try {
    write_new(temp, starter_bytes, exists ? (st.st_mode & 0777) : 0644, item->rel);
  } catch (const WorkspaceError& e) {
    throw WorkspaceError(fmt::format("{}: cannot write the starter ({})", item->rel, keep));
  }
  if (::rename(temp.c_str(), file.c_str()) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    throw WorkspaceError(fmt::format("{}: cannot replace it ({}; {})", item->rel, std::strerror(err), keep));
  }
  return report;
}

}  // namespace exengine
