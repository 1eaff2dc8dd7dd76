#include "core/sha256.h"

namespace exengine {

Sha256::Sha256() { sha256_init(&ctx_); }

Sha256& Sha256::update(std::string_view data) {
  sha256_update(&ctx_, data.size(), reinterpret_cast<const std::uint8_t*>(data.data()));
  return *this;
}

Sha256& Sha256::field(std::string_view data) {
  const std::string len = std::to_string(data.size()) + ":";
  update(len);
  return update(data);
}

std::string Sha256::hex() {
  std::uint8_t digest[SHA256_DIGEST_SIZE];
  sha256_digest(&ctx_, sizeof digest, digest);
  static const char digits[] = "0123456789abcdef";
  std::string out;
  for (std::uint8_t b : digest) {
    out += digits[b >> 4];
    out += digits[b & 0xf];
  }
  return out;
}

std::string sha256_hex(std::string_view data) { return Sha256().update(data).hex(); }

}  // namespace exengine
