// Test support: runs a shell command and captures its stdout, stderr and exit status.
#pragma once

#include <filesystem>
#include <string>

namespace exengine::test {

struct CommandResult {
  int exit_code = -1;  // -1 when killed by a signal
  std::string out;
  std::string err;
};

// Runs `command` with /bin/sh; stdin is /dev/null.
CommandResult run_command(const std::string& command);

// `exengine ARGS` from the build tree being tested (EXENGINE_BIN); stderr without the machine's
// one-line "isolation is reduced (tier B)" warning.
CommandResult run_exengine(const std::string& args);

// Single-quotes `s` for /bin/sh.
std::string shell_quote(const std::string& s);

// A fresh temporary folder, removed when the object goes.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& rel) const { return path_ / rel; }

 private:
  std::filesystem::path path_;
};

std::string read_file(const std::filesystem::path& p);
void write_file(const std::filesystem::path& p, const std::string& text);

}  // namespace exengine::test
