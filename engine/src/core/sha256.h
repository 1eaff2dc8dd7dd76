// Sha256: the SHA-256 digest (FIPS 180-4) from Debian's nettle, for content-addressed cache keys.
// Not thread-safe per object; distinct objects may be used from different threads.
#pragma once

#include <string>
#include <string_view>

#include <nettle/sha2.h>

namespace exengine {

class Sha256 {
 public:
  Sha256();
  Sha256& update(std::string_view data);
  // Appends `data` with its length first, so that fields cannot run into each other
  // ("ab"+"c" and "a"+"bc" hash differently).
  Sha256& field(std::string_view data);
  // The digest as 64 lowercase hex digits. The object is spent afterwards.
  std::string hex();

 private:
  sha256_ctx ctx_;
};

// sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad".
std::string sha256_hex(std::string_view data);

}  // namespace exengine
