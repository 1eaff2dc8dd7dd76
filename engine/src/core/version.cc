#include "core/version.h"

#ifndef EXENGINE_VERSION
#error "EXENGINE_VERSION must be defined by the build (engine/CMakeLists.txt, engine/meson.build)"
#endif

namespace exengine {

const char* engine_version() { return EXENGINE_VERSION; }

}  // namespace exengine
