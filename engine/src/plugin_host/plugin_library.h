// PluginLibrary: one plugin's shared library, opened with Boost.DLL, its ABI checked.
//
// Contract
// - open() never throws: a problem is returned as a one-line message naming the library, the
//   problem and the fix (missing file, dlopen failure, missing entry point, ABI mismatch, a
//   registration that throws).
// - The library is unloaded when the last shared_ptr to it goes; GraderRegistry hands that
//   shared_ptr to every Grader a factory of this library makes, so the code outlives its objects.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "exengine/plugin.h"

namespace boost::dll {
class shared_library;
}

namespace exengine {

class PluginLibrary {
 public:
  // Opens `path` and checks the descriptor's ABI version against the engine's. On failure returns
  // null and sets `error`. `display` names the plugin in messages.
  static std::shared_ptr<PluginLibrary> open(const std::filesystem::path& path, const std::string& display,
                                             std::string& error);
  ~PluginLibrary();
  PluginLibrary(const PluginLibrary&) = delete;
  PluginLibrary& operator=(const PluginLibrary&) = delete;

  const ExenginePluginDescriptor& descriptor() const { return *descriptor_; }
  const std::filesystem::path& path() const { return path_; }

 private:
  PluginLibrary() = default;
  std::unique_ptr<boost::dll::shared_library> lib_;
  const ExenginePluginDescriptor* descriptor_ = nullptr;
  std::filesystem::path path_;
};

}  // namespace exengine
