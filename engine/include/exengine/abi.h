// exengine plugin SDK: ABI version and export macros.
//
// Contract
// - A plugin library is built against exactly one ABI version. The host checks it twice: from the
//   manifest's `[plugin] abi = N` before it opens the library, and from the descriptor the library
//   returns (ExenginePluginDescriptor::abi_version) right after. A mismatch on either side means the
//   library is never used.
// - EXENGINE_ABI_VERSION changes whenever any type in this SDK changes layout or meaning. Plugins
//   and the engine must be built by the same compiler family and C++ standard library, since the
//   SDK passes std::string, std::vector and std::unique_ptr across the boundary.
// - Plugins are built with -fvisibility=hidden; the only symbol they export is the entry point
//   declared by EXENGINE_PLUGIN (see plugin.h).
#pragma once

#define EXENGINE_ABI_VERSION 1

#if defined(__GNUC__) || defined(__clang__)
#define EXENGINE_EXPORT __attribute__((visibility("default")))
#else
#define EXENGINE_EXPORT
#endif

// The one symbol every plugin library exports (extern "C", so it is not mangled).
#define EXENGINE_ENTRY_SYMBOL "exengine_plugin_entry"

namespace exengine {
inline constexpr int kAbiVersion = EXENGINE_ABI_VERSION;
}  // namespace exengine
