// PyListGrader ("py-list", pools library): the program prints one Python list (print(results));
// it is compared by value with `expected`, in order (Pool.map, which keeps the input order) or as
// a multiset (imap_unordered, as_completed: any order).
//
// Options (validated at construction; OptionError names the key):
//   expected     string, required: a Python list literal, e.g. "[1, 4, 9, 16]".
//   order        "exact" (default) or "any".
//   extra_lines  boolean, default false: allow other non-blank lines besides the list.
//
// The list line is the one non-blank line that starts with '['. Messages (exact; tests in
// tests/lesson_graders_test.cc), for expected [1, 4, 9, 16]:
//   object       the output shows a MapResult object, not the results: call .get() on what map_async returned (or use pool.map)
//   iterator     the output shows an iterator, not the results: imap and imap_unordered are lazy; wrap them in list(...)
//   map object   the output shows a map object: the built-in map is lazy and runs in this one process; use pool.map
//   one per line the results were printed one per line; print the whole list at once: print(results)
//   no list      no Python list in the output; print the list of results, e.g. print(results)
//   two lists    2 lists were printed; print the results once
//   unreadable   could not read '[1, 4' as a Python list: expected ',' or ']' at column 6
//   length       the list has 3 items, expected 4
//   order        the items are right but in another order: Pool.map returns results in input order; print the list it returned
//   item         item 3 is 10, expected 9
//   multiset     the results differ: missing 9; unexpected 10
//   extra line   unexpected line 'done'; print only the list
//
// Threading: immutable after construction; grade() is safe to call concurrently.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <exengine/grader.h>

#include "py_literal.h"

namespace exengine {

class PyListGrader : public Grader {
 public:
  explicit PyListGrader(const Options& options);
  GradeOutcome grade(const GradeInput& input) const override;
  std::string example_output() const override { return expected_text_ + "\n"; }

 private:
  std::string expected_text_;
  std::vector<PyItem> expected_;
  bool any_order_ = false;
  bool extra_lines_ = false;
};

std::unique_ptr<Grader> make_py_list_grader(const Options& options, const GraderHost& host);

}  // namespace exengine
