// CppBuilder: compiles a C++ submission into a cached binary.
//
// Every compile runs through the ProcessRunner (contained like a submission, under the toolchain's
// compile limits), so a template bomb or `#include </dev/random>` ends as compile-error. Results
// are content-addressed in the CompileCache:
//   binary key = SHA-256 of (compiler identity, flags incl. race flags, precompiled-header key,
//                            the file's name, the file's bytes)
//   compiler identity = resolved path + modification time + `--version` output, computed once per
//                       compiler per process
// so the same source compiles once across trials, checks and students; race-mode (ThreadSanitizer)
// builds have other flags and so other keys. The precompiled header (toolchain.h) is built once per
// compiler and flag set into the cache; when it cannot be built, compiles go on without it.
//
// Thread-safe: check() calls build() from several threads at once; a key being built by another
// thread or process is waited for, then found in the cache.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "exengine/verdict.h"
#include "toolchain/toolchain.h"

namespace exengine {

class CompileCache;
class ProcessRunner;

struct BuildResult {
  bool ok = false;
  std::filesystem::path program;  // the executable, in the cache (ok only)
  bool cache_hit = false;         // served from the cache: no compiler ran for this source
  bool pch_used = false;          // compiled with the precompiled header
  // Not ok: compile_error (the learner's: message names the first error) or internal_error (a
  // missing compiler, a cache that cannot be written: one line).
  Verdict verdict = Verdict::internal_error;
  std::string message;
  std::string diagnostics;        // compile_error: the compiler's first lines, paths relative
  double compile_ms = 0;          // wall time of the compiler run (0 on a hit)
  double compile_cpu_ms = 0;      // its CPU time
};

// What a compiler is, once resolved.
struct CompilerIdentity {
  std::string path;      // absolute, symlinks resolved; empty when not found
  std::string version;   // first line of `--version`
  std::string digest;    // hash of path, mtime and the whole `--version` output
  bool clang = false;    // clang's precompiled headers end in .pch, GCC's in .gch
  std::string error;     // one line when the compiler is missing or does not run
};

class CppBuilder {
 public:
  CppBuilder(ProcessRunner& runner, CompileCache& cache);
  ~CppBuilder();

  // Compiles `source` (named `source.filename()` for the compiler, so diagnostics read
  // "counter.cpp:3:5: ..."). `race` adds the toolchain's race flags.
  BuildResult build(const Toolchain& toolchain, const std::filesystem::path& source, bool race);

  // The compiler of `toolchain`, resolved and identified (memoized per process).
  const CompilerIdentity& identify(const Toolchain& toolchain);

  // The flags of a build: toolchain flags, then race flags in race mode.
  static std::vector<std::string> build_flags(const Toolchain& toolchain, bool race);
  // The binary's cache key (exposed for tests).
  static std::string binary_key(const CompilerIdentity& compiler, const std::vector<std::string>& flags,
                                const std::string& pch_key, const std::string& file_name,
                                const std::string& source_bytes);

 private:
  // The directory holding exengine_pch.h and its compiled form, or empty (none wanted or it failed).
  std::filesystem::path precompiled_header(const Toolchain& toolchain, const CompilerIdentity& compiler,
                                           const std::vector<std::string>& flags, std::string& key);

  ProcessRunner& runner_;
  CompileCache& cache_;
  std::mutex mutex_;                        // guards failed_pch_
  std::set<std::string> failed_pch_;        // PCH keys that failed to build in this process
};

// "the cpp toolchain needs g++, which is not installed (apt-get install g++)".
std::string missing_compiler_message(const std::string& compiler);

}  // namespace exengine
