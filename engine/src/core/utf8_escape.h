// Utf8Escape: decodes UTF-8 and turns untrusted bytes (a student's program output) into valid UTF-8 text.
//
// Contract
// - Valid UTF-8 sequences are kept as they are (control characters too: JSON, HTML and the
//   terminal each escape those their own way). Every byte that is not part of a valid sequence
//   (stray continuation bytes, truncated sequences, overlongs, surrogates, > U+10FFFF) becomes the
//   four characters `\xNN` (upper-case hex), so the result is always valid UTF-8 and shows which
//   byte was there. The escape is lossy: a literal `\x41` in the input is not distinguished.
// - Pure functions; safe from any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace exengine {

// The length (1 to 4) of the valid UTF-8 sequence that starts at bytes[i], or 0 when the byte there
// starts none (a stray continuation byte, a truncated sequence, an overlong, a surrogate, or past
// U+10FFFF). With `code_point`, also the code point. The engine's one UTF-8 decoder.
std::size_t utf8_sequence(std::string_view bytes, std::size_t i, char32_t* code_point = nullptr);

// True when `bytes` is entirely valid UTF-8.
bool is_valid_utf8(std::string_view bytes);

// `bytes` with every invalid byte replaced by `\xNN` (see above).
std::string escape_invalid_utf8(std::string_view bytes);

// The longest prefix of `bytes` of at most `max_bytes` that does not end inside a multi-byte
// UTF-8 sequence (so a capped output does not grow a spurious invalid byte at its end).
std::string_view utf8_prefix(std::string_view bytes, std::size_t max_bytes);

}  // namespace exengine
