// Builds the graders listed in a composite grader's `of` option (any-of, all): an array of tables,
// each a grader `name` plus that grader's options, resolved through the GraderHost.
//
// Contract: called from a factory only. An OptionError from a child is rethrown under key `of`
// with its position in the list: "of item 2 (exact): missing option 'expected'".
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "exengine/grader.h"

namespace exengine {

struct ChildGrader {
  std::string name;
  std::unique_ptr<Grader> grader;
};

std::vector<ChildGrader> make_child_graders(const Options& options, const GraderHost& host);

// How far a failing outcome is from passing, to pick the closest: higher score first, then fewer
// changed lines in its diff.
bool closer(const GradeOutcome& a, const GradeOutcome& b);

}  // namespace exengine
