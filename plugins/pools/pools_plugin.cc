// The pools topic's plugin library: "py-list" (a printed Python list compared by value, in order
// or as a multiset); its quiz uses "threads:quiz". Built as libpools.so with hidden visibility; the
// only exported symbol is the entry point.
#include <exengine/plugin.h>

#include "py_list_grader.h"

namespace {

void register_graders(exengine::Registrar& registrar) {
  registrar.add_grader("py-list", "a printed Python list, compared by value in order or as a multiset",
                       &exengine::make_py_list_grader);
}

}  // namespace

EXENGINE_PLUGIN("pools", register_graders)
