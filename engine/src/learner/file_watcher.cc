#include "learner/file_watcher.h"

#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include <fmt/format.h>

namespace exengine {
namespace fs = std::filesystem;

namespace {

constexpr std::uint32_t kFolderEvents = IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE_SELF | IN_MOVE_SELF;

}  // namespace

FileWatcher::FileWatcher(const fs::path& root, const std::vector<fs::path>& files, bool force_poll)
    : root_(root.lexically_normal()) {
  for (const fs::path& f : files) {
    files_.insert(f.lexically_normal());
    folders_.insert(f.lexically_normal().parent_path());
  }
  if (!force_poll) {
    fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd_ < 0) note_ = fmt::format("polling for saves (no inotify: {})", std::strerror(errno));
  }
  if (fd_ >= 0) {
    mode_ = Mode::inotify;
    watch_folder(root_);
    for (const fs::path& dir : folders_) watch_folder(dir);
  } else {
    mode_ = Mode::poll;
    for (const fs::path& f : files_) stamps_[f] = stamp(f);
  }
}

FileWatcher::~FileWatcher() {
  if (fd_ >= 0) ::close(fd_);
}

void FileWatcher::watch_folder(const fs::path& dir) {
  int wd = inotify_add_watch(fd_, dir.c_str(), kFolderEvents | IN_ONLYDIR);
  if (wd >= 0) watches_[wd] = dir;
}

FileWatcher::Stamp FileWatcher::stamp(const fs::path& file) const {
  Stamp s;
  std::error_code ec;
  s.mtime = fs::last_write_time(file, ec);
  if (ec) return s;
  s.size = fs::file_size(file, ec);
  s.exists = !ec;
  return s;
}

std::vector<fs::path> FileWatcher::changes() { return mode_ == Mode::inotify ? inotify_changes() : poll_changes(); }

std::vector<fs::path> FileWatcher::poll_changes() {
  std::vector<fs::path> out;
  for (auto& [file, old] : stamps_) {
    Stamp now = stamp(file);
    if (now.exists != old.exists || now.mtime != old.mtime || now.size != old.size) {
      if (now.exists) out.push_back(file);
      old = now;
    }
  }
  return out;
}

std::vector<fs::path> FileWatcher::inotify_changes() {
  std::set<fs::path> changed;
  alignas(inotify_event) char buf[16 * 1024];
  for (;;) {
    ssize_t n = ::read(fd_, buf, sizeof buf);
    if (n <= 0) break;  // EAGAIN: nothing more for now
    for (char* p = buf; p < buf + n;) {
      const auto* ev = reinterpret_cast<const inotify_event*>(p);
      p += sizeof(inotify_event) + ev->len;
      auto w = watches_.find(ev->wd);
      if (w == watches_.end()) continue;
      const fs::path dir = w->second;
      if (ev->mask & (IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF)) {
        if (ev->mask & IN_IGNORED) watches_.erase(w);
        continue;
      }
      if (ev->len == 0) continue;
      const fs::path path = (dir / ev->name).lexically_normal();
      if ((ev->mask & IN_ISDIR) && folders_.count(path)) {
        // A watched folder came (back): watch it and report what is already in it.
        bool watched = false;
        for (const auto& [wd, d] : watches_) watched = watched || d == path;
        if (!watched) watch_folder(path);
        for (const fs::path& f : files_)
          if (f.parent_path() == path && stamp(f).exists) changed.insert(f);
        continue;
      }
      if ((ev->mask & (IN_CLOSE_WRITE | IN_MOVED_TO)) && files_.count(path)) changed.insert(path);
    }
  }
  return {changed.begin(), changed.end()};
}

}  // namespace exengine
