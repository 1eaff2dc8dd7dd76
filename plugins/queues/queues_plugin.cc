// The queues topic's plugin library: contributes the shared "quiz" grader (plugins/common); the
// topic's other exercises use built-in graders. Built as libqueues.so with hidden visibility; the only
// exported symbol is the entry point.
#include <exengine/plugin.h>

#include "../common/quiz_grader.h"

namespace {

void register_graders(exengine::Registrar& registrar) { exengine::register_quiz_grader(registrar); }

}  // namespace

EXENGINE_PLUGIN("queues", register_graders)
