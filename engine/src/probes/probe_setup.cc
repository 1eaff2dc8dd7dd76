#include "probes/probe_setup.h"

#include <cstdlib>
#include <random>
#include <system_error>

#include <fmt/format.h>

namespace exengine {
namespace fs = std::filesystem;

namespace {

bool is_file(const fs::path& p) {
  std::error_code ec;
  return !p.empty() && fs::is_regular_file(p, ec);
}

}  // namespace

fs::path python_probe_dir(const EnginePaths& paths) {
  std::vector<fs::path> candidates;
  if (!paths.build_root.empty())
    candidates.push_back(paths.build_root / "engine/probes/python/sitecustomize.pyc");
  if (!paths.data_dir.empty()) {
    candidates.push_back(paths.data_dir / "probes/python/sitecustomize.pyc");
    candidates.push_back(paths.data_dir / "engine/probes/python/sitecustomize.py");
  }
  for (const auto& c : candidates)
    if (is_file(c)) return fs::absolute(c).lexically_normal().parent_path();
  return {};
}

fs::path native_probe_library(const EnginePaths& paths) {
  std::vector<fs::path> candidates;
  if (!paths.build_root.empty())
    candidates.push_back(paths.build_root / "engine/probes/libexengine_probe.so");
  if (!paths.data_dir.empty())
    candidates.push_back(paths.data_dir / "../../lib/exengine/libexengine_probe.so");
  for (const auto& c : candidates)
    if (is_file(c)) return fs::absolute(c).lexically_normal();
  return {};
}

ProbePlan probe_setup(const ProbeOptions& options, const EnginePaths& paths) {
  ProbePlan plan;
  const bool python = options.language == "python";
  const bool native = options.language == "cpp";
  if (!python && !native) return plan;
  // EXENGINE_NO_PROBE=1 (hidden; bench/bench.py measures the probe's cost with it): no record.
  const char* no_probe = std::getenv("EXENGINE_NO_PROBE");
  const bool probe = options.probe && !(no_probe && *no_probe && *no_probe != '0');
  if (!probe && !options.stress_seed) return plan;
  // Python: the folder holding sitecustomize, on PYTHONPATH; native: the library, in LD_PRELOAD.
  const fs::path found = python ? python_probe_dir(paths) : native_probe_library(paths);
  if (found.empty()) {
    plan.missing = fmt::format("probe unavailable: {} not found under {}",
                               python ? "sitecustomize.py" : "libexengine_probe.so",
                               (paths.build_root.empty() ? paths.data_dir : paths.build_root).string());
    return plan;
  }
  if (options.tier == "A" && in_private_run_folder(found)) {
    plan.missing = fmt::format("probe unavailable: {} is under /tmp, which tier A runs do not see (each gets "
                               "a private /tmp): build or install the engine elsewhere", found.string());
    return plan;
  }
  plan.env.emplace_back(python ? "PYTHONPATH" : "LD_PRELOAD", found.string());
  if (probe) {
    plan.env.emplace_back("EXENGINE_PROBE", kProbeRecordName);
    plan.collect = kProbeRecordName;
  }
  if (!options.program.empty()) {
    std::error_code ec;
    fs::path canonical = fs::weakly_canonical(options.program, ec);
    plan.program = ec ? options.program : canonical.string();
  }
  if (options.stress_seed) {
    plan.env.emplace_back("EXENGINE_STRESS", std::to_string(*options.stress_seed));
    plan.seed = options.stress_seed;
  }
  return plan;
}

std::uint64_t new_stress_seed() {
  std::random_device rd;
  std::uint64_t seed = 0;
  while (seed == 0) seed = (std::uint64_t(rd()) << 32) ^ rd();
  return seed;
}

}  // namespace exengine
