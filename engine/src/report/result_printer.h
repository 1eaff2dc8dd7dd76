// ResultPrinter: the human form of results on a terminal: one line per exercise with its verdict,
// then an explanation (message and diff) for each failure. Everything a submission printed is
// escaped: no raw control character reaches the terminal. Colour only when asked.
#pragma once

#include <iosfwd>
#include <vector>

#include "core/result.h"

namespace exengine {

class ResultPrinter {
 public:
  ResultPrinter(std::ostream& out, bool color) : out_(out), color_(color) {}
  void table(const std::vector<ExerciseResult>& results) const;
  void explanations(const std::vector<ExerciseResult>& results) const;
  void summary(const std::vector<ExerciseResult>& results) const;
  // The three above, in order.
  void all(const std::vector<ExerciseResult>& results) const;
  // A captured output, escaped, indented.
  void output_block(const std::string& title, const std::string& text) const;

 private:
  std::string paint(Verdict v, const std::string& text) const;
  std::ostream& out_;
  bool color_;
};

}  // namespace exengine
