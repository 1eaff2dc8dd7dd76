// FileWatcher: tells which of a set of files were saved. Uses inotify on the files' folders (not
// on the files, so editors that save by writing a new file and renaming it over the old one, as
// vim does, are seen), falling back to polling modification times and sizes where inotify is not
// available (or when asked).
//
// Contract
// - Reports a file after it was closed for writing or renamed into place (IN_CLOSE_WRITE,
//   IN_MOVED_TO), not on every write; a folder created later (e.g. a topic folder deleted and made
//   again) is watched from then on and its files are reported.
// - Not thread-safe: one thread calls fd()/changes().
#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace exengine {

class FileWatcher {
 public:
  enum class Mode { inotify, poll };

  // `files` are absolute paths, each inside a folder under `root` (or `root` itself).
  FileWatcher(const std::filesystem::path& root, const std::vector<std::filesystem::path>& files,
              bool force_poll = false);
  ~FileWatcher();
  FileWatcher(const FileWatcher&) = delete;
  FileWatcher& operator=(const FileWatcher&) = delete;

  Mode mode() const { return mode_; }
  // Readable when inotify has events; -1 in poll mode (call changes() every so often instead).
  int fd() const { return fd_; }
  // Why it polls when inotify was wanted; empty otherwise.
  const std::string& note() const { return note_; }
  // The watched files saved since the last call (each once, sorted). Never blocks.
  std::vector<std::filesystem::path> changes();

 private:
  struct Stamp {
    bool exists = false;
    std::filesystem::file_time_type mtime{};
    std::uintmax_t size = 0;
  };
  Stamp stamp(const std::filesystem::path& file) const;
  void watch_folder(const std::filesystem::path& dir);
  std::vector<std::filesystem::path> inotify_changes();
  std::vector<std::filesystem::path> poll_changes();

  std::filesystem::path root_;
  std::set<std::filesystem::path> files_;
  std::set<std::filesystem::path> folders_;     // the files' folders
  Mode mode_ = Mode::poll;
  int fd_ = -1;
  std::string note_;
  std::map<int, std::filesystem::path> watches_;  // inotify watch descriptor -> folder
  std::map<std::filesystem::path, Stamp> stamps_;  // poll mode
};

}  // namespace exengine
