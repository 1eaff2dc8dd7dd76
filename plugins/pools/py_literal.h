// PyLiteral: reads the text Python's print() gives for a list of plain values, e.g.
// `[1, 4, 9, 16]`, `[2.5, 'a', (1, 2), None, True]`, so results can be compared by value.
//
// Accepted: integers (any size), floats (incl. inf/nan as Python prints them), strings in single or
// double quotes with backslash escapes, True, False, None, and lists and tuples of these, nested.
// Every value gets a canonical key, equal for equal values (`1` and `01` do not occur in Python's
// output; `1.0` and `1.00` compare equal as floats); `text` keeps how it was written.
//
// Threading: plain functions and values; no shared state.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace exengine {

struct PyItem {
  std::string key;   // canonical, e.g. "i:16", "f:2.5", "s:abc", "l[i:1,i:2]"
  std::string text;  // as written in the output, e.g. "16", "'abc'"
};

struct PyListParse {
  bool ok = false;
  std::vector<PyItem> items;  // the list's top-level items
  std::string error;          // when !ok: "expected ']' at column 9"
};

// Parses `text` (blanks around it ignored) as one Python list literal.
PyListParse parse_py_list(std::string_view text);

}  // namespace exengine
