// content_hash: a fingerprint of a file's bytes, to tell whether a learner's file changed since it
// was last checked. Not cryptographic (FNV-1a, 64 bits, plus the length).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace exengine {

// "fnv1a64:<16 hex digits>:<length>" of `bytes`.
std::string content_hash(std::string_view bytes);

// The hash of the file's bytes; nullopt when it cannot be read (missing, a folder, no permission).
std::optional<std::string> file_content_hash(const std::filesystem::path& file);

}  // namespace exengine
