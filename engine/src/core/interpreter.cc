#include "core/interpreter.h"

#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>

namespace exengine {
namespace {

bool is_script(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  char head[2] = {0, 0};
  in.read(head, 2);
  return in.gcount() == 2 && head[0] == '#' && head[1] == '!';
}

std::string ask_shim(const std::string& shim) {
  std::string cmd = "'" + shim + "' -c 'import sys; print(sys.executable)' 2>/dev/null";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
  if (!pipe) return {};
  std::array<char, 4096> buf{};
  std::string out;
  while (fgets(buf.data(), buf.size(), pipe.get())) out += buf.data();
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return (!out.empty() && access(out.c_str(), X_OK) == 0) ? out : std::string();
}

}  // namespace

std::string find_on_path(const std::string& name, const std::string& path_env, bool skip_scripts) {
  std::size_t start = 0;
  while (start <= path_env.size()) {
    std::size_t end = path_env.find(':', start);
    if (end == std::string::npos) end = path_env.size();
    std::string dir = path_env.substr(start, end - start);
    start = end + 1;
    if (dir.empty()) continue;
    std::string candidate = dir + "/" + name;
    if (access(candidate.c_str(), X_OK) != 0) continue;
    if (skip_scripts && is_script(candidate)) continue;
    return candidate;
  }
  return {};
}

const std::string& python_interpreter() {
  static const std::string resolved = [] {
    if (const char* env = std::getenv("EXENGINE_PYTHON"); env && *env) return std::string(env);
    const char* path = std::getenv("PATH");
    std::string path_env = path ? path : "/usr/local/bin:/usr/bin:/bin";
    std::string real = find_on_path("python3", path_env, true);
    if (!real.empty()) return real;
    std::string shim = find_on_path("python3", path_env, false);
    return shim.empty() ? std::string() : ask_shim(shim);
  }();
  return resolved;
}

}  // namespace exengine
