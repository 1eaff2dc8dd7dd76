// CppRun: the checker's C++ step: compile the submission (through the cache) and describe how to
// run the binary (argv, race-mode environment and limits).
#pragma once

#include <filesystem>
#include <string>

#include "core/result.h"
#include "runner/process_runner.h"
#include "toolchain/toolchain.h"

namespace exengine {

class Toolchains;

// Compiles `file` and fills `spec`: argv (the cached binary) and, in race mode, TSAN_OPTIONS and
// limits that let ThreadSanitizer map its shadow memory (`tier` "B" has no memory cgroup, only an
// address-space limit, which is lifted; tier A gets 1 GiB more memory). Sets result.compiled and
// result.cache_hit. Returns false when there is nothing to run: result's verdict and message are
// then set (compile-error with the diagnostics in stderr_text, or internal-error).
bool prepare_cpp_run(Toolchains& toolchains, const Toolchain& toolchain, const std::filesystem::path& file,
                     bool race, const std::string& tier, RunSpec& spec, ExerciseResult& result);

// Race mode's teaching message for a run's stderr (see tsan_report.h), or empty.
std::string race_message(const std::string& stderr_text, const std::filesystem::path& file);

}  // namespace exengine
