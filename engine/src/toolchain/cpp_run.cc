#include "toolchain/cpp_run.h"

#include "toolchain/toolchains.h"
#include "toolchain/tsan_report.h"

namespace exengine {
namespace fs = std::filesystem;

bool prepare_cpp_run(Toolchains& toolchains, const Toolchain& toolchain, const fs::path& file, bool race,
                     const std::string& tier, RunSpec& spec, ExerciseResult& result) {
  const BuildResult build = toolchains.build_cpp(toolchain, file, race);
  result.compiled = build.ok || build.verdict == Verdict::compile_error;
  result.cache_hit = build.cache_hit;
  if (!build.ok) {
    result.verdict = build.verdict;
    result.message = build.message;
    result.stderr_text = build.diagnostics;
    return false;
  }
  spec.argv = {build.program.string()};
  if (race) {
    spec.env.emplace_back("TSAN_OPTIONS", toolchain.race_options);
    // ThreadSanitizer reserves terabytes of address space for its shadow memory and re-execs
    // itself when RLIMIT_AS is not unlimited (which then fails): an address-space limit (tier B)
    // must go; a memory cgroup (tier A) needs room for the shadow pages it touches.
    if (tier == "B") spec.limits.memory_mb = 0;
    else spec.limits.memory_mb += 1024;
  }
  return true;
}

std::string race_message(const std::string& stderr_text, const fs::path& file) {
  if (stderr_text.find("ThreadSanitizer") == std::string::npos) return {};
  return tsan_message(stderr_text, file, file.filename().string());
}

}  // namespace exengine
