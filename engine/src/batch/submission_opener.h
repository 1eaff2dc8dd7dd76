// SubmissionOpener: opens a student's files relative to the student's folder without following
// any link, and refuses anything that is not a plain file of the student's own.
//
// Policy (issue 14, Must 4)
// - The folder is opened once (O_PATH, O_NOFOLLOW: the student's folder itself is not a link).
//   A file is resolved beneath it with openat2(RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS); where the
//   kernel has no openat2 (ENOSYS), one component at a time with openat(O_NOFOLLOW).
// - The last component is opened O_PATH first and checked with fstat before anything reads it, so
//   a device is never opened for reading and a FIFO never blocks. Then it is reopened for reading
//   from the same parent folder descriptor, and refused if it is no longer the same file.
// - Refused: a symbolic link (the file, or a folder on its path), a file with more than one hard
//   link (it is also someone else's file), a device file, FIFO or socket, a folder, and a path
//   with `..` or a leading '/' (never produced by the engine; refused all the same).
//
// Contract: open() never throws; the Opened result says what happened. `why` is a predicate that
// follows the file's name in a message ("is a symbolic link", "has 2 hard links", "is under
// 'threads', a symbolic link", "cannot be read (open): Permission denied"), names escaped for a
// terminal. Thread-safe (no state besides the folder's descriptor).
#pragma once

#include <sys/stat.h>

#include <cstdint>
#include <filesystem>
#include <string>

namespace exengine {

class SubmissionOpener {
 public:
  enum class Mode { automatic, per_component };  // per_component: as where openat2 is missing

  enum class Status { ok, missing, refused, error };

  // One opened file: a descriptor open for reading, owned by this object.
  class Opened {
   public:
    Opened() = default;
    ~Opened();
    Opened(Opened&& other) noexcept;
    Opened& operator=(Opened&& other) noexcept;

    Status status = Status::missing;
    std::string why;     // refused / error: what is wrong (see the contract)
    struct stat st {};   // ok: the file's
    int fd() const { return fd_; }

   private:
    friend class SubmissionOpener;
    int fd_ = -1;
  };

  // Opens `folder` (must not be a symbolic link). ok() is false, with why(), when it cannot.
  explicit SubmissionOpener(const std::filesystem::path& folder, Mode mode = Mode::automatic);
  ~SubmissionOpener();
  SubmissionOpener(const SubmissionOpener&) = delete;
  SubmissionOpener& operator=(const SubmissionOpener&) = delete;

  bool ok() const { return root_ >= 0; }
  const std::string& why() const { return why_; }

  // `relative`: a path beneath the folder, e.g. "threads/simple-thread.py".
  Opened open(const std::filesystem::path& relative) const;

  // Copies an opened file (at most `max_bytes`) to `dest`, a new file (0644; refused if it
  // exists). Returns an empty string, or a predicate like `why` ("is larger than 16777216 bytes").
  static std::string copy_to(const Opened& file, const std::filesystem::path& dest, std::uint64_t max_bytes);

 private:
  int root_ = -1;
  Mode mode_;
  std::string why_;
};

// The message of a result for a file the engine would not read: `display` (how results name the
// file) and a `why` from SubmissionOpener: "alice/threads/x.py is a symbolic link: not read (...)".
std::string not_read_message(const std::string& display, const std::string& why);

}  // namespace exengine
