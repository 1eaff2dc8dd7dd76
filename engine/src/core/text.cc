#include "core/text.h"

#include <cmath>
#include <cstdio>

#include <fmt/format.h>
#include "core/utf8_escape.h"

namespace exengine {

std::string escape_for_terminal(std::string_view s, bool keep_newlines) {
  std::string out;
  out.reserve(s.size());
  char buf[8];
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '\n' && keep_newlines) {
      out += '\n';
      ++i;
    } else if (c == '\t') {
      out += "\\t", ++i;
    } else if (c == '\r') {
      out += "\\r", ++i;
    } else if (c == '\n') {
      out += "\\n", ++i;
    } else if (c < 0x20 || c == 0x7f) {
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf, ++i;
    } else {
      std::size_t n = utf8_sequence(s, i);
      if (n == 0) {
        std::snprintf(buf, sizeof buf, "\\x%02x", c);
        out += buf, ++i;
      } else if (n == 2 && c == 0xC2 && static_cast<unsigned char>(s[i + 1]) < 0xA0) {
        std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned char>(s[i + 1]));  // C1 controls
        out += buf, i += 2;
      } else {
        out.append(s.substr(i, n)), i += n;
      }
    }
  }
  return out;
}

std::string truncate_text(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "\n[… " + std::to_string(text.size() - cut) + " more bytes not shown]";
}

std::string format_points(double points, int decimals) {
  if (!std::isfinite(points)) return "0";
  const double scale = std::pow(10.0, decimals);
  std::string s = fmt::format("{:.{}f}", std::round(points * scale) / scale, decimals);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s == "-0" ? "0" : s;
}

}  // namespace exengine
