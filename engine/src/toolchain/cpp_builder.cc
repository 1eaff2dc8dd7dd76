#include "toolchain/cpp_builder.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <regex>
#include <fstream>
#include <sstream>
#include <system_error>

#include <fmt/format.h>

#include "core/interpreter.h"
#include "runner/process_runner.h"
#include "runner/run_directory.h"
#include "toolchain/compile_cache.h"
#include "toolchain/compile_diagnostics.h"
#include "core/sha256.h"

namespace exengine {
namespace fs = std::filesystem;

namespace {

constexpr const char* kPchHeader = "exengine_pch.h";
constexpr const char* kProgram = "prog";
constexpr const char* kStandardPath = "/usr/local/bin:/usr/bin:/bin";

std::string read_file(const fs::path& p, bool& ok) {
  std::ifstream in(p, std::ios::binary);
  ok = static_cast<bool>(in);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Limits compile_limits(const CompileLimits& c) {
  Limits l;
  l.wall_s = c.wall_s;
  l.cpu_s = c.wall_s;
  l.memory_mb = c.memory_mb;
  l.output_bytes = c.output_kb * 1024;
  l.file_size_kb = c.file_size_kb;
  l.processes = c.processes;
  l.open_files = 256;
  // The compile's run directory (a tmpfs in tier A) holds its output, e.g. a precompiled header.
  l.disk_mb = c.file_size_kb / 1024 + 64;
  l.disk_files = 4096;
  return l;
}

std::vector<std::pair<std::string, std::string>> compile_environment(const CompilerIdentity& compiler) {
  const std::string dir = fs::path(compiler.path).parent_path().string();
  std::string path = kStandardPath;
  if (!dir.empty() && (":" + path + ":").find(":" + dir + ":") == std::string::npos) path = dir + ":" + path;
  return {{"PATH", path}, {"LANG", "C.UTF-8"}, {"LC_ALL", "C.UTF-8"}};
}

// The first line naming an error, for the one-line message.
std::string first_error(const std::string& diagnostics) {
  std::istringstream in(diagnostics);
  std::string line, fallback;
  while (std::getline(in, line)) {
    if (line.find("error:") != std::string::npos) return line;
    if (fallback.empty() && !line.empty() && line.find("In function") == std::string::npos) fallback = line;
  }
  return fallback;
}

const CompilerIdentity& identity_of(ProcessRunner& runner, const std::string& compiler) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<CompilerIdentity>> known;
  std::lock_guard<std::mutex> hold(mutex);
  auto& slot = known[compiler];
  if (slot) return *slot;
  slot = std::make_unique<CompilerIdentity>();
  CompilerIdentity& id = *slot;
  std::string found;
  if (compiler.find('/') != std::string::npos) {
    if (::access(compiler.c_str(), X_OK) == 0) found = compiler;
  } else {
    const char* env = std::getenv("PATH");
    found = find_on_path(compiler, std::string(env ? env : "") + ":" + kStandardPath, false);
  }
  if (found.empty()) {
    id.error = missing_compiler_message(compiler);
    return id;
  }
  // Run as found (clang++ is a symlink to clang, which links C++ only when invoked as clang++);
  // identified by the file it resolves to.
  std::error_code ec;
  id.path = fs::absolute(found, ec).lexically_normal().string();
  const fs::path real = fs::canonical(found, ec);
  const std::string real_path = ec ? id.path : real.string();
  RunSpec spec;
  spec.argv = {id.path, "--version"};
  spec.env = compile_environment(id);
  spec.limits = compile_limits(CompileLimits{});
  spec.limits.wall_s = 10;
  const RunOutcome run = runner.run(spec);
  if (!run.started || run.exit_code != 0 || run.signal != 0) {
    id.error = fmt::format("the cpp toolchain's compiler {} does not run ({})", id.path,
                           run.started ? "`--version` failed" : run.start_error);
    id.path.clear();
    return id;
  }
  id.version = run.out.substr(0, run.out.find('\n'));
  id.clang = run.out.find("clang") != std::string::npos;
  struct stat st {};
  const long long mtime = ::stat(real_path.c_str(), &st) == 0 ? static_cast<long long>(st.st_mtime) : 0;
  id.digest = Sha256().field(id.path).field(real_path).field(std::to_string(mtime)).field(run.out).hex();
  return id;
}

}  // namespace

std::string missing_compiler_message(const std::string& compiler) {
  const std::string name = fs::path(compiler).filename().string();
  std::string install;
  if (name.find("clang") != std::string::npos) install = "apt-get install clang";
  else if (name.find("g++") != std::string::npos || name == "c++" || name.find("gcc") != std::string::npos)
    install = "apt-get install g++";
  if (compiler.find('/') != std::string::npos)
    return fmt::format("the cpp toolchain needs {}, which does not exist{}", compiler,
                       install.empty() ? " (set [cpp] compiler in toolchains.toml)" : " (" + install + ")");
  return fmt::format("the cpp toolchain needs {}, which is not installed ({})", compiler,
                     install.empty() ? "install it, or set [cpp] compiler in toolchains.toml" : install);
}

CppBuilder::CppBuilder(ProcessRunner& runner, CompileCache& cache) : runner_(runner), cache_(cache) {}
CppBuilder::~CppBuilder() = default;

const CompilerIdentity& CppBuilder::identify(const Toolchain& toolchain) {
  return identity_of(runner_, toolchain.compiler);
}

std::vector<std::string> CppBuilder::build_flags(const Toolchain& toolchain, bool race) {
  std::vector<std::string> flags = toolchain.flags;
  if (race) flags.insert(flags.end(), toolchain.race_flags.begin(), toolchain.race_flags.end());
  return flags;
}

std::string CppBuilder::binary_key(const CompilerIdentity& compiler, const std::vector<std::string>& flags,
                                   const std::string& pch_key, const std::string& file_name,
                                   const std::string& source_bytes) {
  Sha256 h;
  h.field("exengine-bin-1").field(compiler.digest);
  h.field(std::to_string(flags.size()));
  for (const auto& f : flags) h.field(f);
  h.field(pch_key).field(file_name).field(source_bytes);
  return h.hex();
}

fs::path CppBuilder::precompiled_header(const Toolchain& tc, const CompilerIdentity& compiler,
                                        const std::vector<std::string>& flags, std::string& key) {
  key.clear();
  if (tc.precompiled_headers.empty()) return {};
  std::string header = "// Precompiled by exengine for every C++ submission.\n";
  for (const auto& h : tc.precompiled_headers) header += "#include <" + h + ">\n";
  Sha256 h;
  h.field("exengine-pch-1").field(compiler.digest);
  for (const auto& f : flags) h.field(f);
  h.field(header);
  const std::string k = h.hex();
  {
    std::lock_guard<std::mutex> hold(mutex_);
    if (failed_pch_.count(k)) return {};
  }
  if (fs::path hit = cache_.find("pch", k); !hit.empty()) {
    key = k;
    return hit;
  }
  const CompileCache::Lock lock = cache_.lock(k);
  if (fs::path hit = cache_.find("pch", k); !hit.empty()) {
    key = k;
    return hit;
  }
  const std::string compiled = std::string(kPchHeader) + (compiler.clang ? ".pch" : ".gch");
  const fs::path tmp = cache_.temp_path(k);
  std::error_code ec;
  fs::create_directories(tmp, ec);
  {
    std::ofstream out(tmp / kPchHeader, std::ios::binary);
    out << header;
  }
  // GCC finds exengine_pch.h.gch beside the -include'd header (the entry holds both). Clang's
  // .pch records the absolute path of the header it was built from and checks it at every use:
  // that header lives at a fixed place in the cache, <dir>/src/<key>.h, never evicted (tiny).
  std::string header_arg = kPchHeader;
  if (compiler.clang) {
    const fs::path src = cache_.dir() / "src" / (k + ".h");
    fs::create_directories(src.parent_path(), ec);
    if (!fs::exists(src, ec)) {
      fs::copy_file(tmp / kPchHeader, tmp / "header.tmp", ec);
      ::chmod((tmp / "header.tmp").c_str(), 0644);
      fs::rename(tmp / "header.tmp", src, ec);
    }
    header_arg = src.string();
  }
  RunSpec spec;
  spec.argv = {compiler.path};
  spec.argv.insert(spec.argv.end(), flags.begin(), flags.end());
  spec.argv.insert(spec.argv.end(), {"-x", "c++-header", header_arg, "-o", compiled});
  spec.env = compile_environment(compiler);
  spec.system.assign(tc.sandbox_paths.begin(), tc.sandbox_paths.end());
  spec.inputs.push_back({tmp / kPchHeader, kPchHeader});
  if (compiler.clang) spec.readable.push_back(header_arg);
  spec.keep.push_back({compiled, tmp / compiled});
  spec.limits = compile_limits(tc.compile_limits);
  spec.limits.wall_s = std::max(spec.limits.wall_s, 120.0);  // once per toolchain, under load
  spec.limits.cpu_s = spec.limits.wall_s;
  const RunOutcome run = runner_.run(spec);
  if (!run.started || run.exit_code != 0 || run.signal != 0 || !fs::exists(tmp / compiled, ec)) {
    fs::remove_all(tmp, ec);
    std::lock_guard<std::mutex> hold(mutex_);
    failed_pch_.insert(k);
    return {};
  }
  try {
    const fs::path dir = cache_.insert("pch", k, tmp);
    key = k;
    return dir;
  } catch (const std::exception&) {
    std::lock_guard<std::mutex> hold(mutex_);
    failed_pch_.insert(k);
    return {};
  }
}

BuildResult CppBuilder::build(const Toolchain& tc, const fs::path& source, bool race) {
  BuildResult r;
  const CompilerIdentity& compiler = identify(tc);
  if (!compiler.error.empty()) {
    r.message = compiler.error;
    return r;
  }
  bool readable = false;
  const std::string bytes = read_file(source, readable);
  const std::string name = source.filename().string();
  if (!readable) {
    r.message = fmt::format("cannot read {}", source.string());
    return r;
  }
  const std::vector<std::string> flags = build_flags(tc, race);
  std::string pch_key;
  const fs::path pch_dir = precompiled_header(tc, compiler, flags, pch_key);
  const std::string key = binary_key(compiler, flags, pch_key, name, bytes);

  // A cached binary: looked up first without the lock, then again once holding it (another
  // process may have finished the same compile while this one waited).
  auto cached = [&] {
    const fs::path hit = cache_.find("bin", key);
    if (hit.empty()) return false;
    r.ok = true;
    r.program = hit;
    r.cache_hit = true;
    r.pch_used = !pch_key.empty();
    return true;
  };
  try {
    if (cached()) return r;
    const CompileCache::Lock lock = cache_.lock(key);
    if (cached()) return r;
    const fs::path tmp = cache_.temp_path(key);
    RunSpec spec;
    spec.argv = {compiler.path};
    spec.argv.insert(spec.argv.end(), flags.begin(), flags.end());
    if (!pch_dir.empty() && compiler.clang) {
      spec.argv.insert(spec.argv.end(), {"-include-pch", (pch_dir / (std::string(kPchHeader) + ".pch")).string()});
    } else if (!pch_dir.empty()) {
      spec.argv.insert(spec.argv.end(), {"-include", (pch_dir / kPchHeader).string(), "-Winvalid-pch"});
    }
    spec.argv.insert(spec.argv.end(), {"-fdiagnostics-color=never", name, "-o", kProgram});
    spec.env = compile_environment(compiler);
    // Tier A's root holds the compiler, the system headers, the submission (copied into the run
    // directory) and the precompiled header's entry: no other file of the host.
    spec.inputs.push_back({fs::absolute(source), name});
    spec.system.assign(tc.sandbox_paths.begin(), tc.sandbox_paths.end());
    if (!pch_dir.empty()) spec.readable.push_back(pch_dir);
    if (!pch_dir.empty() && compiler.clang) spec.readable.push_back(cache_.dir() / "src" / (pch_key + ".h"));
    spec.keep.push_back({kProgram, tmp});
    spec.limits = compile_limits(tc.compile_limits);
    const RunOutcome run = runner_.run(spec);
    r.compile_ms = run.wall_ms;
    r.compile_cpu_ms = run.cpu_ms;
    r.pch_used = !pch_dir.empty();
    std::error_code ec;
    if (!run.started) {
      r.message = fmt::format("cannot start the compiler {}: {}", compiler.path, run.start_error);
      return r;
    }
    std::vector<std::string> strip;
    if (!pch_dir.empty()) strip.push_back(pch_dir.string() + "/");
    strip.push_back(cache_.dir().string() + "/");
    // The run directory (<run root>/<name>/) appears in linker messages about temporary objects.
    std::string output = run.err + run.out;
    {
      std::string root = RunDirectory::root().string();
      std::string escaped;
      for (char c : root) {
        if (std::strchr(".^$|()[]{}*+?\\", c)) escaped += '\\';
        escaped += c;
      }
      output = std::regex_replace(output, std::regex(escaped + "/[^/\\s']+/"), "");
    }
    r.diagnostics = trim_diagnostics(output, strip);
    const std::string first = first_error(r.diagnostics);
    const std::string limits_note = r.diagnostics.empty() ? "" : ": " + first;
    if (run.timeout != TimeoutKind::none) {
      r.verdict = Verdict::compile_error;
      r.message = fmt::format("compilation took longer than {:g} s and was stopped (an #include of a device, or "
                              "templates that expand without end?)", tc.compile_limits.wall_s);
    } else if (run.memory_exceeded) {
      r.verdict = Verdict::compile_error;
      r.message = fmt::format("the compiler ran out of memory ({} MiB) and was stopped{}", tc.compile_limits.memory_mb,
                              limits_note);
    } else if (run.output_limited) {
      r.verdict = Verdict::compile_error;
      r.message = fmt::format("compilation failed with more than {} KiB of diagnostics{}", tc.compile_limits.output_kb,
                              limits_note);
    } else if (run.signal != 0 || run.exit_code != 0) {
      r.verdict = Verdict::compile_error;
      r.message = first.empty() ? "compilation failed" : "compilation failed: " + first;
      if (first.find("Killed signal terminated") != std::string::npos ||
          r.diagnostics.find("virtual memory exhausted") != std::string::npos)
        r.message = fmt::format("the compiler ran out of memory ({} MiB) and was stopped", tc.compile_limits.memory_mb);
    } else if (!fs::exists(tmp, ec)) {
      r.message = "the compiler reported success but wrote no program";
    } else {
      r.program = cache_.insert("bin", key, tmp);
      r.ok = true;
    }
    if (!r.ok) fs::remove_all(tmp, ec);
  } catch (const std::exception& e) {
    r.ok = false;
    r.verdict = Verdict::internal_error;
    r.message = e.what();
  }
  return r;
}

}  // namespace exengine
