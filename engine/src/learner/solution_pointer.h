// solution_pointer: the one line `check` and `watch` print after an exercise passes, pointing to
// its reference solution (as rustlings does): "Compare with the reference solution: exengine
// solution threads/simple-thread". Empty when the exercise has none in that language.
#pragma once

#include <string>

namespace exengine {

class Catalog;
struct Exercise;

// `language`: python or cpp.
std::string solution_pointer(const Catalog& catalog, const Exercise& exercise, const std::string& language);

}  // namespace exengine
