#include "probes/probe_setup.h"

#include <cstdlib>
#include <random>
#include <system_error>

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

static std::string hidden_message(const fs::path& probe) {
  return "probe unavailable: " + probe.string() +
         " is under /tmp, which tier A runs do not see (each gets a private /tmp): build or install "
         "the engine elsewhere";
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
  if (python) {
    fs::path dir = python_probe_dir(paths);
    if (dir.empty()) {
      plan.missing = "probe unavailable: sitecustomize.py not found under " +
                     (paths.build_root.empty() ? paths.data_dir : paths.build_root).string();
      return plan;
    }
    if (options.tier == "A" && in_private_run_folder(dir)) {
      plan.missing = hidden_message(dir);
      return plan;
    }
    plan.env.emplace_back("PYTHONPATH", dir.string());
  } else {
    fs::path lib = native_probe_library(paths);
    if (lib.empty()) {
      plan.missing = "probe unavailable: libexengine_probe.so not found under " +
                     (paths.build_root.empty() ? paths.data_dir : paths.build_root).string();
      return plan;
    }
    if (options.tier == "A" && in_private_run_folder(lib)) {
      plan.missing = hidden_message(lib);
      return plan;
    }
    plan.env.emplace_back("LD_PRELOAD", lib.string());
  }
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
