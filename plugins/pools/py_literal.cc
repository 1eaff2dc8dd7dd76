#include "py_literal.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace exengine {
namespace {

struct ParseError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}

  PyItem value() {
    skip();
    const std::size_t start = pos_;
    PyItem item;
    if (pos_ >= s_.size()) fail("expected a value");
    const char c = s_[pos_];
    if (c == '[' || c == '(') {
      item.key = sequence(c);
    } else if (c == '\'' || c == '"') {
      item.key = "s:" + string(c);
    } else if (word("True")) {
      item.key = "b:1";
    } else if (word("False")) {
      item.key = "b:0";
    } else if (word("None")) {
      item.key = "n:";
    } else {
      item.key = number();
    }
    item.text = std::string(s_.substr(start, pos_ - start));
    return item;
  }

  std::vector<PyItem> list() {
    skip();
    if (pos_ >= s_.size() || s_[pos_] != '[') fail("expected '['");
    ++pos_;
    std::vector<PyItem> items;
    items_until(']', items);
    skip();
    if (pos_ != s_.size()) fail("unexpected text after the list");
    return items;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw ParseError(what + " at column " + std::to_string(pos_ + 1));
  }
  void skip() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t')) ++pos_;
  }
  bool word(std::string_view w) {
    if (s_.substr(pos_, w.size()) != w) return false;
    const std::size_t end = pos_ + w.size();
    if (end < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[end])) || s_[end] == '_')) return false;
    pos_ = end;
    return true;
  }
  // Items up to `close`; the opening bracket is already consumed. Returns whether a comma followed
  // the last item (a one-item tuple needs it).
  bool items_until(char close, std::vector<PyItem>& items) {
    bool trailing_comma = false;
    skip();
    if (pos_ < s_.size() && s_[pos_] == close) {
      ++pos_;
      return false;
    }
    while (true) {
      items.push_back(value());
      skip();
      if (pos_ >= s_.size()) fail(std::string("expected ',' or '") + close + "'");
      if (s_[pos_] == ',') {
        ++pos_;
        skip();
        trailing_comma = true;
        if (pos_ < s_.size() && s_[pos_] == close) {
          ++pos_;
          return true;
        }
        continue;
      }
      if (s_[pos_] == close) {
        ++pos_;
        return false;
      }
      fail(std::string("expected ',' or '") + close + "'");
    }
    return trailing_comma;
  }
  std::string sequence(char open) {
    const char close = open == '[' ? ']' : ')';
    ++pos_;
    std::vector<PyItem> items;
    const bool comma = items_until(close, items);
    if (open == '(' && items.size() == 1 && !comma) return items.front().key;  // (x) is just x
    std::string key = open == '[' ? "l[" : "t(";
    for (std::size_t i = 0; i < items.size(); ++i) key += (i ? "," : "") + items[i].key;
    return key + close;
  }
  std::string string(char quote) {
    ++pos_;
    std::string out;
    while (pos_ < s_.size() && s_[pos_] != quote) {
      char c = s_[pos_++];
      if (c == '\\') {
        if (pos_ >= s_.size()) break;
        const char e = s_[pos_++];
        switch (e) {
          case 'n': c = '\n'; break;
          case 't': c = '\t'; break;
          case 'r': c = '\r'; break;
          case '0': c = '\0'; break;
          default: c = e; break;  // \\, \', \" and anything rarer kept as the character itself
        }
      }
      out += c;
    }
    if (pos_ >= s_.size()) fail("unterminated string");
    ++pos_;
    return out;
  }
  std::string number() {
    const std::size_t start = pos_;
    if (pos_ < s_.size() && (s_[pos_] == '-' || s_[pos_] == '+')) ++pos_;
    if (word("inf")) return std::string("f:") + (s_[start] == '-' ? "-inf" : "inf");
    if (word("nan")) return "f:nan";
    bool is_float = false;
    const std::size_t digits = pos_;
    while (pos_ < s_.size()) {
      const char c = s_[pos_];
      if (c >= '0' && c <= '9') {
        ++pos_;
      } else if (c == '.' || c == 'e' || c == 'E') {
        is_float = true;
        ++pos_;
        if ((c == 'e' || c == 'E') && pos_ < s_.size() && (s_[pos_] == '-' || s_[pos_] == '+')) ++pos_;
      } else {
        break;
      }
    }
    if (pos_ == digits) {
      pos_ = start;
      fail("expected a value");
    }
    const std::string text(s_.substr(start, pos_ - start));
    if (!is_float) {
      std::string d = text;
      bool negative = false;
      if (d[0] == '-' || d[0] == '+') {
        negative = d[0] == '-';
        d.erase(0, 1);
      }
      const auto nz = d.find_first_not_of('0');
      d = nz == std::string::npos ? "0" : d.substr(nz);
      return "i:" + std::string(negative && d != "0" ? "-" : "") + d;
    }
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size()) {
      pos_ = start;
      fail("'" + text + "' is not a number");
    }
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return std::string("f:") + buf;
  }

  std::string_view s_;
  std::size_t pos_ = 0;
};

}  // namespace

PyListParse parse_py_list(std::string_view text) {
  PyListParse result;
  try {
    Reader reader(text);
    result.items = reader.list();
    result.ok = true;
  } catch (const ParseError& e) {
    result.error = e.what();
  }
  return result;
}

}  // namespace exengine
