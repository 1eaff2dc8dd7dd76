// OptionError's key function: its typeinfo and vtable are emitted here, in the engine, and exported
// (engine/sdk_exports.map), so every plugin's OptionError is this one (see exengine/abi.h).
#include "exengine/value.h"

namespace exengine {

OptionError::~OptionError() = default;

}  // namespace exengine
