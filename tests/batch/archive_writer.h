// Test helper: writes .tar.gz / .zip archives with arbitrary (hostile) entries via libarchive.
#pragma once

#include <archive.h>
#include <archive_entry.h>

#include <filesystem>
#include <string>
#include <vector>

namespace exengine::testing {

struct Entry {
  std::string path;
  std::string data;                // regular files
  unsigned type = AE_IFREG;        // AE_IFREG, AE_IFDIR, AE_IFLNK, AE_IFCHR, AE_IFIFO
  std::string link;                // symlink target
  std::string hardlink;            // hard link target
  std::size_t zeros = 0;           // extra zero bytes after data (bombs)
};

inline Entry file(std::string path, std::string data, std::size_t zeros = 0) {
  Entry e;
  e.path = std::move(path);
  e.data = std::move(data);
  e.zeros = zeros;
  return e;
}
inline Entry folder(std::string path) {
  Entry e;
  e.path = std::move(path);
  e.type = AE_IFDIR;
  return e;
}
inline Entry special(std::string path, unsigned type, std::string link = {}) {
  Entry e;
  e.path = std::move(path);
  e.type = type;
  e.link = std::move(link);
  return e;
}
inline Entry hard_link(std::string path, std::string target) {
  Entry e;
  e.path = std::move(path);
  e.hardlink = std::move(target);
  return e;
}

inline void write_archive(const std::filesystem::path& file, const std::vector<Entry>& entries, bool zip = false) {
  archive* a = archive_write_new();
  if (zip) {
    archive_write_set_format_zip(a);
  } else {
    archive_write_add_filter_gzip(a);
    archive_write_set_format_pax_restricted(a);
  }
  archive_write_open_filename(a, file.c_str());
  const std::string zeros_block(64 * 1024, '\0');
  for (const auto& e : entries) {
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, e.path.c_str());
    archive_entry_set_filetype(entry, e.type);
    archive_entry_set_perm(entry, e.type == AE_IFDIR ? 0755 : 0644);
    if (!e.link.empty()) archive_entry_set_symlink(entry, e.link.c_str());
    if (!e.hardlink.empty()) archive_entry_set_hardlink(entry, e.hardlink.c_str());
    if (e.type == AE_IFREG && e.hardlink.empty()) archive_entry_set_size(entry, e.data.size() + e.zeros);
    archive_write_header(a, entry);
    if (e.type == AE_IFREG && e.hardlink.empty()) {
      archive_write_data(a, e.data.data(), e.data.size());
      for (std::size_t left = e.zeros; left > 0;) {
        std::size_t n = std::min(left, zeros_block.size());
        archive_write_data(a, zeros_block.data(), n);
        left -= n;
      }
    }
    archive_entry_free(entry);
  }
  archive_write_close(a);
  archive_write_free(a);
}

}  // namespace exengine::testing
