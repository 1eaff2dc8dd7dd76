// The engine's version: printed by --version and recorded in every shard's shard.json (merge
// refuses shards of different versions). Keep it equal to the project version in CMakeLists.txt
// and meson.build.
#pragma once

namespace exengine {

inline constexpr const char* kEngineVersion = "0.1.0";

}  // namespace exengine
