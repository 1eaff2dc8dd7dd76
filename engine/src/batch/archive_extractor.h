// ArchiveExtractor: unpacks one student's .zip / .tar.gz (.tgz, .tar) into that student's own
// folder, refusing anything that could reach outside it or exhaust the disk.
//
// Contract
// - Refused, with an ArchiveError whose what() is one line starting with the archive's file name:
//   an absolute path, a `..` component, a symbolic link, a hard link, a device file / FIFO /
//   socket, more than ArchiveLimits::max_entries entries, one file larger than max_file_bytes, a
//   total larger than max_total_bytes, and an expansion ratio (bytes written / archive size) above
//   max_ratio once more than ratio_floor_bytes were written. Sizes are counted while the data is
//   written, never taken from headers. An unreadable or corrupt archive is refused too, and so is
//   one that is not a regular file or has more than one hard link (opened with O_NOFOLLOW).
// - Names in the message are escaped for a terminal (escape_for_terminal).
// - On refusal, `dest` is removed again: a refused archive leaves nothing behind.
// - Files are created 0644, folders 0755 (the archive's modes and owners are ignored); nothing
//   but regular files and folders is ever created, so no path written can pass through a link.
// - Stateless; safe to call from several threads for different destinations.
#pragma once

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace exengine {

class ArchiveError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ArchiveLimits {
  std::uint64_t max_total_bytes = 64ull << 20;
  std::uint64_t max_file_bytes = 16ull << 20;
  std::uint64_t max_entries = 2000;
  std::uint64_t max_ratio = 100;
  std::uint64_t ratio_floor_bytes = 1ull << 20;
};

// True for the file names the batch grader treats as a student's archive.
bool is_student_archive(const std::filesystem::path& file);
// The student's name from an archive's file name: "bob.tar.gz" -> "bob".
std::string archive_student_name(const std::filesystem::path& file);

// Extracts `archive` into `dest` (created; must not exist or be empty). Throws ArchiveError.
void extract_archive(const std::filesystem::path& archive, const std::filesystem::path& dest,
                     const ArchiveLimits& limits = {});

}  // namespace exengine
