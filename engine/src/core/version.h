// The engine's version: printed by --version and recorded in every shard's shard.json (merge
// refuses shards of different versions). It comes from the build system, one place in each:
// project(VERSION) in CMakeLists.txt and project(version :) in meson.build, passed to version.cc
// alone as EXENGINE_VERSION (so a new version rebuilds one file).
#pragma once

namespace exengine {

// "0.1.0".
const char* engine_version();

}  // namespace exengine
