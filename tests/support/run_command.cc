#include "support/run_command.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace exengine::test {
namespace fs = std::filesystem;

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

TempDir::TempDir() {
  std::string tmpl = (fs::temp_directory_path() / "exengine-test-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_file(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << text;
}

CommandResult run_command(const std::string& command) {
  TempDir tmp;
  const fs::path out = tmp / "stdout", err = tmp / "stderr";
  const std::string full = "( " + command + " ) </dev/null >" + shell_quote(out.string()) + " 2>" +
                           shell_quote(err.string());
  int status = std::system(full.c_str());
  CommandResult r;
  r.exit_code = (status != -1 && WIFEXITED(status)) ? WEXITSTATUS(status) : -1;
  r.out = read_file(out);
  r.err = read_file(err);
  return r;
}

CommandResult run_exengine(const std::string& args) {
  CommandResult r = run_command(shell_quote(EXENGINE_BIN) + " " + args);
  // Where tier A is unavailable (a chroot), every command that runs programs says so once. That
  // line describes the machine, not the command under test: the tests compare the rest.
  // The same for an unprivileged engine whose cgroups have no limits to give (tier A, rlimits).
  const std::string tier_b = "exengine: warning: isolation is reduced (tier B): ";
  const std::string no_cgroups = "exengine: warning: isolation is reduced (tier A without cgroup limits): ";
  for (const std::string& machine_line : {no_cgroups})
    if (auto at = r.err.find(machine_line); at != std::string::npos) {
      const auto end = r.err.find('\n', at);
      r.err.erase(at, end == std::string::npos ? std::string::npos : end + 1 - at);
    }
  if (auto at = r.err.find(tier_b); at != std::string::npos) {
    const auto end = r.err.find('\n', at);
    r.err.erase(at, end == std::string::npos ? std::string::npos : end + 1 - at);
  }
  return r;
}

}  // namespace exengine::test
