#include "plugin_host/plugin_library.h"

#include <boost/dll/shared_library.hpp>

#include <fmt/format.h>

#include "core/text.h"

namespace exengine {

std::shared_ptr<PluginLibrary> PluginLibrary::open(const std::filesystem::path& path, const std::string& display,
                                                   std::string& error) {
  std::error_code exists_ec;
  if (!std::filesystem::exists(path, exists_ec)) {
    error = fmt::format("plugin '{}': library {} not found (build the plugin, or remove `library` from its plugin.toml)",
                        display, path.string());
    return nullptr;
  }
  std::shared_ptr<PluginLibrary> self(new PluginLibrary());
  self->path_ = path;
  self->lib_ = std::make_unique<boost::dll::shared_library>();
  boost::dll::fs::error_code ec;
  self->lib_->load(path, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local, ec);
  if (ec) {
    error = fmt::format("plugin '{}': cannot load {}: {} (rebuild the plugin against this engine's SDK)", display,
                        path.string(), ec.message());
    return nullptr;
  }
  if (!self->lib_->has(EXENGINE_ENTRY_SYMBOL)) {
    error = fmt::format("plugin '{}': {} does not export '{}' (define it with EXENGINE_PLUGIN from <exengine/plugin.h>)",
                        display, path.string(), EXENGINE_ENTRY_SYMBOL);
    return nullptr;
  }
  using Entry = const ExenginePluginDescriptor*();
  auto& entry = self->lib_->get<Entry>(EXENGINE_ENTRY_SYMBOL);
  const ExenginePluginDescriptor* d = nullptr;
  try {
    d = entry();
  } catch (const std::exception& e) {
    error = fmt::format("plugin '{}': its entry point threw: {}", display, e.what());
    return nullptr;
  } catch (...) {
    error = fmt::format("plugin '{}': its entry point threw an unknown exception", display);
    return nullptr;
  }
  if (!d) {
    error = fmt::format("plugin '{}': its entry point returned no descriptor", display);
    return nullptr;
  }
  if (d->abi_version != kAbiVersion) {
    error = fmt::format("plugin '{}': library {} was built for ABI {}, this engine has ABI {} (rebuild the plugin against this engine's SDK)",
                        display, path.filename().string(), d->abi_version, kAbiVersion);
    return nullptr;
  }
  // Same ABI version: the size and the fingerprint sit at fixed places after it (plugin.h).
  if (d->size != sizeof(ExenginePluginDescriptor)) {
    error = fmt::format("plugin '{}': library {} has a plugin descriptor of {} bytes, this engine's has {} (rebuild the plugin against this engine's SDK)",
                        display, path.filename().string(), d->size, sizeof(ExenginePluginDescriptor));
    return nullptr;
  }
  const std::string stdlib = d->stdlib ? escape_for_terminal(std::string_view(d->stdlib).substr(0, 200)) : "";
  if (stdlib != kStdlib) {
    error = fmt::format("plugin '{}': library {} was built with {}, this engine needs {} (rebuild the plugin with the engine's compiler and C++ library)",
                        display, path.filename().string(), stdlib.empty() ? "an unnamed C++ library" : stdlib,
                        kStdlib);
    return nullptr;
  }
  self->descriptor_ = d;
  return self;
}

PluginLibrary::~PluginLibrary() = default;

}  // namespace exengine
