#include "batch/archive_extractor.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <vector>

#include "core/text.h"
#include "core/utf8_escape.h"

namespace exengine {
namespace fs = std::filesystem;

namespace {

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

constexpr std::string_view kSuffixes[] = {".tar.gz", ".tgz", ".zip", ".tar"};

struct ArchiveCloser {
  void operator()(archive* a) const { archive_read_free(a); }
};

class FileCloser {
 public:
  explicit FileCloser(int fd) : fd_(fd) {}
  ~FileCloser() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileCloser(const FileCloser&) = delete;
  FileCloser& operator=(const FileCloser&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

// Splits an entry's path into safe components; throws (via `fail`) on absolute paths and `..`.
template <class Fail>
std::vector<std::string> safe_components(const std::string& name, Fail fail) {
  if (!name.empty() && name[0] == '/') fail("entry '" + name + "' is an absolute path");
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t slash = name.find('/', start);
    if (slash == std::string::npos) slash = name.size();
    std::string part = name.substr(start, slash - start);
    start = slash + 1;
    if (part.empty() || part == ".") continue;
    if (part == "..") fail("entry '" + name + "' leaves the student's folder ('..')");
    if (part.find('\\') != std::string::npos) fail("entry '" + name + "' holds a backslash");
    parts.push_back(std::move(part));
  }
  return parts;
}

}  // namespace

bool is_student_archive(const fs::path& file) {
  const std::string name = file.filename().string();
  for (auto suffix : kSuffixes)
    if (name.size() > suffix.size() && ends_with(name, suffix)) return true;
  return false;
}

std::string archive_student_name(const fs::path& file) {
  const std::string name = file.filename().string();
  for (auto suffix : kSuffixes)
    if (name.size() > suffix.size() && ends_with(name, suffix)) return name.substr(0, name.size() - suffix.size());
  return name;
}

void extract_archive(const fs::path& archive_path, const fs::path& dest, const ArchiveLimits& limits) {
  const std::string label = escape_for_terminal(archive_path.filename().string());
  std::error_code ec;
  auto fail = [&](const std::string& why) {
    fs::remove_all(dest, ec);
    throw ArchiveError(label + ": " + escape_for_terminal(why));
  };

  // Opened without following a link, and read only when it is nobody else's file as well.
  FileCloser archive_fd(::open(archive_path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
  if (archive_fd.get() < 0) fail(std::string("cannot read the archive: ") + std::strerror(errno));
  struct stat st {};
  if (::fstat(archive_fd.get(), &st) != 0) fail(std::string("cannot read the archive: ") + std::strerror(errno));
  if (!S_ISREG(st.st_mode)) fail("not a regular file");
  if (st.st_nlink > 1) fail("has " + std::to_string(st.st_nlink) + " hard links");
  const auto archive_size = static_cast<std::uintmax_t>(st.st_size);
  fs::create_directories(dest, ec);
  if (ec) fail("cannot create " + dest.string() + ": " + ec.message());

  std::unique_ptr<archive, ArchiveCloser> a(archive_read_new());
  archive_read_support_filter_gzip(a.get());
  archive_read_support_filter_bzip2(a.get());
  archive_read_support_filter_xz(a.get());
  archive_read_support_format_zip(a.get());
  archive_read_support_format_tar(a.get());
  archive_read_support_format_gnutar(a.get());
  if (archive_read_open_fd(a.get(), archive_fd.get(), 64 * 1024) != ARCHIVE_OK)
    fail(std::string("not a readable archive: ") + archive_error_string(a.get()));

  std::uint64_t total = 0, entries = 0;
  const std::uint64_t ratio_cap =
      std::max<std::uint64_t>(limits.ratio_floor_bytes, limits.max_ratio * static_cast<std::uint64_t>(archive_size));
  archive_entry* entry = nullptr;
  std::vector<char> buffer(64 * 1024);
  for (;;) {
    int rc = archive_read_next_header(a.get(), &entry);
    if (rc == ARCHIVE_EOF) break;
    if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN)
      fail(std::string("corrupt archive: ") + archive_error_string(a.get()));
    if (++entries > limits.max_entries)
      fail("more than " + std::to_string(limits.max_entries) + " entries (archive bomb?)");
    const char* raw_name = archive_entry_pathname(entry);
    const std::string name = raw_name ? raw_name : "";
    if (archive_entry_hardlink(entry)) fail("entry '" + name + "' is a hard link");
    const auto type = archive_entry_filetype(entry);
    if (type == AE_IFLNK) fail("entry '" + name + "' is a symbolic link");
    if (type != AE_IFREG && type != AE_IFDIR) fail("entry '" + name + "' is a device file, FIFO or socket");
    const std::vector<std::string> parts = safe_components(name, fail);
    if (parts.empty()) continue;  // "./"
    fs::path target = dest;
    for (const auto& p : parts) target /= p;

    if (type == AE_IFDIR) {
      fs::create_directories(target, ec);
      if (ec) fail("cannot create folder '" + name + "': " + ec.message());
      continue;
    }
    fs::create_directories(target.parent_path(), ec);
    if (ec) fail("cannot create folder for '" + name + "': " + ec.message());
    FileCloser file(::open(target.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644));
    const int raw_fd = file.get();
    if (raw_fd < 0) fail("cannot create '" + name + "': " + std::strerror(errno));
    std::uint64_t file_bytes = 0;
    for (;;) {
      la_ssize_t n = archive_read_data(a.get(), buffer.data(), buffer.size());
      if (n == 0) break;
      if (n < 0) fail("corrupt entry '" + name + "': " + archive_error_string(a.get()));
      file_bytes += static_cast<std::uint64_t>(n);
      total += static_cast<std::uint64_t>(n);
      if (file_bytes > limits.max_file_bytes)
        fail("entry '" + name + "' is larger than " + std::to_string(limits.max_file_bytes) + " bytes (archive bomb?)");
      if (total > limits.max_total_bytes)
        fail("unpacks to more than " + std::to_string(limits.max_total_bytes) + " bytes (archive bomb?)");
      if (total > ratio_cap)
        fail("expands more than " + std::to_string(limits.max_ratio) + " times its size (archive bomb?)");
      const char* p = buffer.data();
      std::size_t left = static_cast<std::size_t>(n);
      while (left > 0) {
        ssize_t w = ::write(raw_fd, p, left);
        if (w < 0) {
          if (errno == EINTR) continue;
          fail("cannot write '" + name + "': " + std::strerror(errno));
        }
        p += w;
        left -= static_cast<std::size_t>(w);
      }
    }
  }
}

}  // namespace exengine
