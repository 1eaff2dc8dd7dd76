// exengine plugin SDK: the entry point a plugin library exports.
//
// A plugin is a folder with a plugin.toml and, optionally, a shared library. The library adds
// graders the manifest can name. It exports exactly one symbol, `exengine_plugin_entry`, most
// easily with the EXENGINE_PLUGIN macro:
//
//     #include <exengine/plugin.h>
//     static void register_graders(exengine::Registrar& r) {
//       r.add_grader("quiz", "answers to multiple-choice questions", &make_quiz_grader);
//     }
//     EXENGINE_PLUGIN("threads", register_graders)
//
// Contract
// - Loading: the host reads `abi` from plugin.toml and refuses to open a library whose manifest
//   names another ABI version. After dlopen it calls exengine_plugin_entry() and checks, in this
//   order and each before reading a later field: abi_version == EXENGINE_ABI_VERSION, size ==
//   sizeof(ExenginePluginDescriptor), and stdlib equal to its own EXENGINE_STDLIB (see abi.h).
// - The descriptor is static data owned by the library; the host never frees it.
// - register_graders is called once, on the loading thread, before any grader is built. It may
//   throw: the host then reports the plugin as broken and registers none of its graders.
// - Names: grader names are lower-case words with '-' (e.g. "quiz", "count-range"). A manifest
//   resolves a name first in its own plugin's library, then among the built-in graders;
//   "other-plugin:name" reaches another plugin's grader. Every library registers before any
//   exercise's grader is built, so such a reference does not depend on the order plugins load in.
// - Lifetime: the host keeps the library loaded until every Grader made by its factories is
//   destroyed, and never unloads it while a grade() call is running.
// - Threading: factories are called on one thread at a time; graders, see grader.h.
#pragma once

#include <string>

#include "exengine/abi.h"
#include "exengine/grader.h"

namespace exengine {

class Registrar {
 public:
  virtual ~Registrar() = default;
  // `summary` is one line for `exengine plugin check` and the grader catalogue.
  virtual void add_grader(const std::string& name, const std::string& summary, GraderFactory factory) = 0;
};

}  // namespace exengine

extern "C" {
struct ExenginePluginDescriptor {
  int abi_version;                                   // always first; never moves between versions
  unsigned size;                                     // always second: sizeof(ExenginePluginDescriptor)
  const char* stdlib;                                // always third: EXENGINE_STDLIB (abi.h)
  const char* name;                                  // the plugin's name, as in plugin.toml
  void (*register_graders)(exengine::Registrar& r);  // see the contract above
};
}

#define EXENGINE_PLUGIN(NAME, REGISTER_FN)                                                              \
  extern "C" EXENGINE_EXPORT const ExenginePluginDescriptor* exengine_plugin_entry() {                  \
    static const ExenginePluginDescriptor descriptor{EXENGINE_ABI_VERSION, sizeof(ExenginePluginDescriptor), \
                                                     EXENGINE_STDLIB, NAME, REGISTER_FN};               \
    return &descriptor;                                                                                 \
  }
