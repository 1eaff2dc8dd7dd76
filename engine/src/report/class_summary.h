// ClassSummary: the few lines `grade` and `merge` print when they are done: how many students and
// results, the verdict counts, the mean score and where the HTML report is.
#pragma once

#include <filesystem>
#include <ostream>

#include "report/class_results.h"

namespace exengine {

void print_class_summary(std::ostream& out, const ClassResults& results, const std::filesystem::path& out_dir,
                         bool html_written);

}  // namespace exengine
