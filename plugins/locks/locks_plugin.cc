// The locks topic's plugin library: "counter" (a shared counter's final value, with the missing
// lock or join named) and "race-demo" (locks/race-condition); its quiz uses "threads:quiz".
// Built as liblocks.so with hidden visibility; the only exported symbol is the entry point.
#include <exengine/plugin.h>

#include "counter_grader.h"
#include "race_demo_grader.h"

namespace {

void register_graders(exengine::Registrar& registrar) {
  registrar.add_grader("counter", "a shared counter's final value; a wrong one names the missing lock or join",
                       &exengine::make_counter_grader);
  registrar.add_grader("race-demo", "shows a race: a lock-free counter that ends at or below its expected total",
                       &exengine::make_race_demo_grader);
}

}  // namespace

EXENGINE_PLUGIN("locks", register_graders)
