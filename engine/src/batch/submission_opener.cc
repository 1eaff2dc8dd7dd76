#include "batch/submission_opener.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>
#include <vector>

#include "core/text.h"

namespace exengine {
namespace fs = std::filesystem;

namespace {

std::atomic<bool> no_openat2{false};  // the kernel said ENOSYS once: walk from then on

class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  ~Fd() { reset(); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  int release() {
    int f = fd_;
    fd_ = -1;
    return f;
  }
  void reset(int fd = -1) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }

 private:
  int fd_;
};

std::string named(const std::string& name) { return "'" + escape_for_terminal(name) + "'"; }

// Why a file is not a plain file of the student's, as a predicate ("is a FIFO"); empty when it is one.
std::string refusal_for(const struct stat& st) {
  if (S_ISLNK(st.st_mode)) return "is a symbolic link";
  if (S_ISDIR(st.st_mode)) return "is a folder";
  if (S_ISFIFO(st.st_mode)) return "is a FIFO";
  if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) return "is a device file";
  if (S_ISSOCK(st.st_mode)) return "is a socket";
  if (!S_ISREG(st.st_mode)) return "is not a regular file";
  if (st.st_nlink > 1) return "has " + std::to_string(st.st_nlink) + " hard links";
  return {};
}

}  // namespace

SubmissionOpener::Opened::~Opened() {
  if (fd_ >= 0) ::close(fd_);
}

SubmissionOpener::Opened::Opened(Opened&& other) noexcept
    : status(other.status), why(std::move(other.why)), st(other.st), fd_(other.fd_) {
  other.fd_ = -1;
}

SubmissionOpener::Opened& SubmissionOpener::Opened::operator=(Opened&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    status = other.status;
    why = std::move(other.why);
    st = other.st;
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

SubmissionOpener::SubmissionOpener(const fs::path& folder, Mode mode) : mode_(mode) {
  struct stat st {};
  if (::lstat(folder.c_str(), &st) != 0) {
    why_ = std::string("cannot be read: ") + std::strerror(errno);
    return;
  }
  if (S_ISLNK(st.st_mode)) {
    why_ = "is a symbolic link";
    return;
  }
  if (!S_ISDIR(st.st_mode)) {
    why_ = "is not a folder";
    return;
  }
  root_ = ::open(folder.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (root_ < 0) why_ = std::string("cannot be read: ") + std::strerror(errno);
}

SubmissionOpener::~SubmissionOpener() {
  if (root_ >= 0) ::close(root_);
}

SubmissionOpener::Opened SubmissionOpener::open(const fs::path& relative) const {
  Opened out;
  auto refuse = [&out](std::string why) {
    out.status = Status::refused;
    out.why = std::move(why);
    return std::move(out);
  };
  auto error = [&out](const std::string& what) {
    out.status = Status::error;
    out.why = "cannot be read (" + what + "): " + std::strerror(errno);
    return std::move(out);
  };
  if (root_ < 0) {
    out.status = Status::error;
    out.why = "is in a student folder that " + why_;
    return out;
  }
  if (relative.is_absolute()) return refuse("is an absolute path");
  std::vector<std::string> parts;
  for (const auto& p : relative) {
    const std::string s = p.string();
    if (s.empty() || s == ".") continue;
    if (s == "..") return refuse("leaves the student's folder ('..')");
    parts.push_back(s);
  }
  if (parts.empty()) return refuse("is a folder");
  const std::string last = parts.back();
  parts.pop_back();

  // The folder the file is in, resolved beneath the student's folder without following links.
  Fd parent(::fcntl(root_, F_DUPFD_CLOEXEC, 0));
  if (parent.get() < 0) return error("dup");
  if (!parts.empty()) {
    bool walk = mode_ == Mode::per_component || no_openat2.load();
    if (!walk) {
      std::string dir;
      for (const auto& p : parts) dir += (dir.empty() ? "" : "/") + p;
      open_how how{};
      how.flags = O_PATH | O_DIRECTORY | O_CLOEXEC;
      how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
      const long fd = ::syscall(SYS_openat2, root_, dir.c_str(), &how, sizeof how);
      if (fd >= 0) {
        parent.reset(static_cast<int>(fd));
      } else if (errno == ENOENT || errno == ENOTDIR) {
        return out;  // missing
      } else if (errno == ENOSYS) {
        no_openat2 = true;
        walk = true;
      } else if (errno == ELOOP || errno == EXDEV) {
        walk = true;  // a link on the way: the walk below names it
      } else {
        return error("open '" + escape_for_terminal(dir) + "'");
      }
    }
    if (walk) {
      std::string so_far;
      for (const auto& p : parts) {
        so_far += (so_far.empty() ? "" : "/") + p;
        Fd next(::openat(parent.get(), p.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC));
        if (next.get() < 0) {
          if (errno == ENOENT) return out;
          return error("open " + named(so_far));
        }
        struct stat st {};
        if (::fstat(next.get(), &st) != 0) return error("stat " + named(so_far));
        if (S_ISLNK(st.st_mode)) return refuse("is under " + named(so_far) + ", a symbolic link");
        if (!S_ISDIR(st.st_mode)) return out;  // not a folder: no file beneath it
        parent.reset(next.release());
      }
    }
  }

  // The file itself: looked at before it is opened for reading.
  Fd path_fd(::openat(parent.get(), last.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC));
  if (path_fd.get() < 0) {
    if (errno == ENOENT) return out;
    return error("open");
  }
  struct stat st {};
  if (::fstat(path_fd.get(), &st) != 0) return error("stat");
  if (std::string why = refusal_for(st); !why.empty()) return refuse(why);
  Fd file(::openat(parent.get(), last.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
  if (file.get() < 0) return error("open for reading");
  struct stat again {};
  if (::fstat(file.get(), &again) != 0) return error("stat");
  if (again.st_dev != st.st_dev || again.st_ino != st.st_ino) return refuse("changed while it was read");
  if (std::string why = refusal_for(again); !why.empty()) return refuse(why);
  out.status = Status::ok;
  out.st = again;
  out.fd_ = file.release();
  return out;
}

std::string not_read_message(const std::string& display, const std::string& why) {
  return display + " " + why + ": not read (a submission must be a plain file in the student's own folder)";
}

std::string SubmissionOpener::copy_to(const Opened& file, const fs::path& dest, std::uint64_t max_bytes) {
  if (file.status != Status::ok || file.fd() < 0) return "was not opened";
  const std::string too_big = "is larger than " + std::to_string(max_bytes) + " bytes";
  if (static_cast<std::uint64_t>(file.st.st_size) > max_bytes) return too_big;
  std::error_code ec;
  fs::create_directories(dest.parent_path(), ec);
  if (ec) return "cannot be copied: " + dest.parent_path().string() + ": " + ec.message();
  Fd out(::open(dest.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644));
  if (out.get() < 0) return "cannot be copied: " + dest.string() + ": " + std::strerror(errno);
  std::string why;
  std::uint64_t total = 0;
  off_t offset = 0;
  char buf[1 << 16];
  for (;;) {
    const ssize_t n = ::pread(file.fd(), buf, sizeof buf, offset);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      why = std::string("cannot be read: ") + std::strerror(errno);
      break;
    }
    if (n == 0) break;
    offset += n;
    total += static_cast<std::uint64_t>(n);
    if (total > max_bytes) {
      why = too_big;
      break;
    }
    for (ssize_t done = 0; done < n;) {
      const ssize_t w = ::write(out.get(), buf + done, static_cast<std::size_t>(n - done));
      if (w < 0 && errno == EINTR) continue;
      if (w < 0) {
        why = "cannot be copied: " + dest.string() + ": " + std::strerror(errno);
        break;
      }
      done += w;
    }
    if (!why.empty()) break;
  }
  if (!why.empty()) fs::remove(dest, ec);
  return why;
}

}  // namespace exengine
