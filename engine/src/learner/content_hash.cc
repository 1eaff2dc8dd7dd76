#include "learner/content_hash.h"

#include <cstdint>
#include <fstream>
#include <sstream>
#include <system_error>

#include <fmt/format.h>

namespace exengine {

std::string content_hash(std::string_view bytes) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return fmt::format("fnv1a64:{:016x}:{}", h, bytes.size());
}

std::optional<std::string> file_content_hash(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return std::nullopt;
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return content_hash(text.str());
}

}  // namespace exengine
