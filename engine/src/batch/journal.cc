#include "batch/journal.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "report/result_json.h"

namespace exengine {
namespace fs = std::filesystem;

namespace {

std::string errno_text() { return std::strerror(errno); }

}  // namespace

JournalContents read_journal(const fs::path& path) {
  JournalContents out;
  std::error_code ec;
  if (!fs::exists(path, ec)) return out;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw JournalError("cannot read " + path.string() + ": " + errno_text());
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();

  std::size_t pos = 0;
  int line_no = 0;
  while (pos < text.size()) {
    ++line_no;
    const std::size_t nl = text.find('\n', pos);
    const bool complete = nl != std::string::npos;
    const std::string_view line(text.data() + pos, (complete ? nl : text.size()) - pos);
    const std::size_t next = complete ? nl + 1 : text.size();
    const bool last = next >= text.size();
    bool ok = false;
    if (complete && !line.empty()) {
      try {
        out.results.push_back(result_from_json(nlohmann::json::parse(line)));
        ok = true;
      } catch (const std::exception&) {
      }
    }
    if (ok) {
      out.valid_bytes = next;
    } else if (complete && line.empty()) {
      out.valid_bytes = next;  // a blank line is harmless
    } else if (last) {
      out.torn = true;
    } else {
      out.bad_lines.push_back(line_no);
      out.valid_bytes = next;  // keep it: it is not at the end, so later appends cannot extend it
    }
    pos = next;
  }
  return out;
}

Journal::~Journal() { close(); }

JournalContents Journal::open(const fs::path& path, bool resume) {
  std::lock_guard lock(mutex_);
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  path_ = path;
  JournalContents contents;
  int flags = O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC;
  if (resume) {
    contents = read_journal(path);
  } else {
    flags |= O_TRUNC;
  }
  fd_ = ::open(path.c_str(), flags, 0600);
  if (fd_ < 0) throw JournalError("cannot open " + path.string() + ": " + errno_text());
  // It holds every student's output: for the engine's user only (runs of other uids cannot read it).
  if (::fchmod(fd_, 0600) != 0) throw JournalError("cannot make " + path.string() + " private: " + errno_text());
  if (resume && contents.torn) {
    if (::ftruncate(fd_, static_cast<off_t>(contents.valid_bytes)) != 0 || ::fsync(fd_) != 0)
      throw JournalError("cannot cut the torn last line of " + path.string() + ": " + errno_text());
  }
  // The directory entry must be durable too, or a crash could lose the whole file.
  int dir = ::open(path.parent_path().empty() ? "." : path.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return contents;
}

void Journal::append(const ExerciseResult& result) {
  const std::string line = result_to_json(result).dump() + "\n";
  std::lock_guard lock(mutex_);
  if (fd_ < 0) throw JournalError("journal is not open");
  std::size_t done = 0;
  while (done < line.size()) {
    ssize_t n = ::write(fd_, line.data() + done, line.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw JournalError("cannot append to " + path_.string() + ": " + errno_text());
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd_) != 0) throw JournalError("cannot sync " + path_.string() + ": " + errno_text());
}

void Journal::close() {
  std::lock_guard lock(mutex_);
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

}  // namespace exengine
