// exengine plugin SDK: ABI version and export macros.
//
// Contract
// - A plugin library is built against exactly one ABI version. The host checks it twice: from the
//   manifest's `[plugin] abi = N` before it opens the library, and from the descriptor the library
//   returns right after: ExenginePluginDescriptor's abi_version, then its size, then its standard
//   library fingerprint (EXENGINE_STDLIB), each before any later field is read. A mismatch on any
//   of them means the library is never used, and one line names the plugin and both sides.
// - EXENGINE_ABI_VERSION changes whenever any type in this SDK changes layout or meaning.
// - The SDK passes std::string, std::vector, std::unique_ptr, std::variant and exceptions across
//   the boundary, so plugins and the engine must share the C++ standard library (libstdc++ or
//   libc++), its string ABI (_GLIBCXX_USE_CXX11_ABI) and the compiler family and major version:
//   EXENGINE_STDLIB spells those out, and the host compares the plugin's with its own.
// - Plugins are built with -fvisibility=hidden and linked with the version script exengine/plugin.map;
//   the only symbol they export is the entry point declared by EXENGINE_PLUGIN (see plugin.h).
// - The SDK's exception types (OptionError) are EXENGINE_EXPORT, and their typeinfo and vtable are
//   defined once, in the engine, which exports them: a plugin refers to the engine's, so a throw in
//   a plugin and a catch in the engine agree on one type, not on two types of the same name.
#pragma once

#define EXENGINE_ABI_VERSION 2

#if defined(__GNUC__) || defined(__clang__)
#define EXENGINE_EXPORT __attribute__((visibility("default")))
#else
#define EXENGINE_EXPORT
#endif

#define EXENGINE_STR2(x) #x
#define EXENGINE_STR(x) EXENGINE_STR2(x)
#if defined(_LIBCPP_VERSION)
#define EXENGINE_STDLIB_NAME "libc++"
#elif defined(__GLIBCXX__) && defined(_GLIBCXX_USE_CXX11_ABI) && _GLIBCXX_USE_CXX11_ABI
#define EXENGINE_STDLIB_NAME "libstdc++ (cxx11 string ABI)"
#elif defined(__GLIBCXX__)
#define EXENGINE_STDLIB_NAME "libstdc++ (old string ABI)"
#else
#define EXENGINE_STDLIB_NAME "an unknown C++ library"
#endif
#if defined(__clang__)
#define EXENGINE_COMPILER_NAME "clang " EXENGINE_STR(__clang_major__)
#elif defined(__GNUC__)
#define EXENGINE_COMPILER_NAME "g++ " EXENGINE_STR(__GNUC__)
#else
#define EXENGINE_COMPILER_NAME "an unknown compiler"
#endif
// What a plugin (or the engine) was built with, e.g. "libstdc++ (cxx11 string ABI), g++ 12".
#define EXENGINE_STDLIB EXENGINE_STDLIB_NAME ", " EXENGINE_COMPILER_NAME

// The one symbol every plugin library exports (extern "C", so it is not mangled).
#define EXENGINE_ENTRY_SYMBOL "exengine_plugin_entry"

namespace exengine {
inline constexpr int kAbiVersion = EXENGINE_ABI_VERSION;
inline constexpr const char* kStdlib = EXENGINE_STDLIB;
}  // namespace exengine
