// The threads topic's plugin library: the quiz grader (plugins/common), which the other lessons'
// manifests name as "threads:quiz".
// Built as libthreads.so with hidden visibility; the only exported symbol is the entry point.
#include <exengine/plugin.h>

#include "../common/quiz_grader.h"

namespace {

void register_graders(exengine::Registrar& registrar) { exengine::register_quiz_grader(registrar); }

}  // namespace

EXENGINE_PLUGIN("threads", register_graders)
