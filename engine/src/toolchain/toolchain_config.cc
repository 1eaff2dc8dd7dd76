#include "toolchain/toolchain_config.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <fstream>
#include <regex>
#include <sstream>
#include <system_error>

#include "core/suggest.h"
#include "manifest/toml_reader.h"
#include "runner/process_runner.h"

namespace exengine {
namespace fs = std::filesystem;

Toolchain default_toolchain(const std::string& language) {
  Toolchain t;
  t.language = language;
  for (const auto& p : kDefaultSystemPaths) t.sandbox_paths.push_back(p.string());
  if (language == "cpp") {
    t.compiler = "g++";
    t.flags = {"-std=c++20", "-pthread", "-O2"};
    t.race_flags = {"-fsanitize=thread", "-g", "-O1"};
    t.race_options = "halt_on_error=1 exitcode=66 second_deadlock_stack=1";
    t.precompiled_headers = {"algorithm", "atomic",  "chrono", "condition_variable", "cstdio",
                             "cstdlib",   "functional", "iostream", "map",         "memory",
                             "mutex",     "numeric", "string", "thread",             "vector"};
  } else {
    t.compiler.clear();
  }
  return t;
}

namespace {

const std::vector<std::string> kLanguages = {"cpp", "python"};
const std::vector<std::string> kPythonKeys = {"interpreter", "sandbox_paths"};
const std::vector<std::string> kCppKeys = {"compiler",     "flags",        "race_flags",
                                           "race_options", "precompiled_headers", "compile_limits",
                                           "sandbox_paths"};

std::vector<std::string> absolute_paths(const TomlReader& r, const TomlReader::Entry& e) {
  std::vector<std::string> paths = r.strings(e);
  for (const auto& p : paths)
    if (p.empty() || p[0] != '/') r.fail(r.pos(*e.node), "'" + e.name() + "' holds absolute paths only");
  return paths;
}
const std::vector<std::string> kLimitKeys = {"wall", "memory_mb", "output_kb", "file_size_kb", "processes"};

double positive_number(const TomlReader& r, const TomlReader::Entry& e) {
  const double v = r.number(e);
  if (!(v > 0)) r.fail(r.pos(*e.node), "'" + e.name() + "' must be positive");
  return v;
}

std::int64_t positive_integer(const TomlReader& r, const TomlReader::Entry& e) {
  const std::int64_t v = r.integer(e);
  if (v <= 0) r.fail(r.pos(*e.node), "'" + e.name() + "' must be positive");
  return v;
}

void apply_limits(const TomlReader& r, const toml::table& table, CompileLimits& l) {
  for (const auto& e : TomlReader::entries(table)) {
    const std::string k = e.name();
    if (k == "wall") l.wall_s = positive_number(r, e);
    else if (k == "memory_mb") l.memory_mb = positive_integer(r, e);
    else if (k == "output_kb") l.output_kb = positive_integer(r, e);
    else if (k == "file_size_kb") l.file_size_kb = positive_integer(r, e);
    else if (k == "processes") l.processes = static_cast<int>(positive_integer(r, e));
    else r.unknown_key(e, kLimitKeys, "in [cpp.compile_limits]");
  }
}

void apply_cpp(const TomlReader& r, const toml::table& table, Toolchain& t) {
  for (const auto& e : TomlReader::entries(table)) {
    const std::string k = e.name();
    if (k == "compiler") t.compiler = r.non_empty_string(e);
    else if (k == "flags") t.flags = r.strings(e);
    else if (k == "race_flags") t.race_flags = r.strings(e);
    else if (k == "race_options") t.race_options = r.string(e);
    else if (k == "precompiled_headers") t.precompiled_headers = r.strings(e);
    else if (k == "compile_limits") apply_limits(r, r.table(e), t.compile_limits);
    else if (k == "sandbox_paths") t.sandbox_paths = absolute_paths(r, e);
    else r.unknown_key(e, kCppKeys, "in [cpp]");
  }
}

void apply_python(const TomlReader& r, const toml::table& table, Toolchain& t) {
  for (const auto& e : TomlReader::entries(table)) {
    if (e.name() == "interpreter") t.interpreter = r.string(e);
    else if (e.name() == "sandbox_paths") t.sandbox_paths = absolute_paths(r, e);
    else r.unknown_key(e, kPythonKeys, "in [python]");
  }
}

std::string read_text(const fs::path& file, const std::string& display) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::error_code ec;
    throw ToolchainError(display + ": " +
                         (fs::exists(file, ec) ? "cannot read the file" : "no such file"));
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A TOML basic string holding `s`.
std::string toml_quoted(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') out += '\\', out += static_cast<char>(c);
    else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else out += static_cast<char>(c);
  }
  return out + "\"";
}

}  // namespace

ToolchainConfig::ToolchainConfig() {
  for (const auto& l : kLanguages) toolchains_[l] = default_toolchain(l);
}

void ToolchainConfig::add_text(std::string_view text, const std::string& display) {
  auto next = toolchains_;
  try {
    const TomlReader r(display);
    const toml::table doc = r.parse(text);
    for (const auto& e : TomlReader::entries(doc)) {
      const std::string name = e.name();
      if (name != "cpp" && name != "python") r.unknown_key(e, kLanguages, "(toolchains are tables: [cpp], [python])");
      if (!e.node->is_table()) r.wrong_type(e, "a table");
      if (name == "cpp") apply_cpp(r, r.table(e), next["cpp"]);
      else apply_python(r, r.table(e), next["python"]);
    }
  } catch (const ManifestError& e) {
    throw ToolchainError(e.what());
  }
  toolchains_ = std::move(next);
}

void ToolchainConfig::add_file(const fs::path& file, const std::string& display) {
  const std::string name = display.empty() ? file.string() : display;
  add_text(read_text(file, name), name);
}

void ToolchainConfig::add_setting(const std::string& setting) {
  const std::string where = "--toolchain " + setting;
  static const std::regex form(R"(^\s*([a-z_]+(\.[a-z_]+)+)\s*=(.*)$)");
  std::smatch m;
  if (!std::regex_match(setting, m, form))
    throw ToolchainError(where + ": expected LANGUAGE.KEY=VALUE, e.g. cpp.compiler=clang++");
  const std::string key = m[1].str();
  std::string value = m[3].str();
  while (!value.empty() && value.front() == ' ') value.erase(0, 1);
  while (!value.empty() && value.back() == ' ') value.pop_back();
  // VALUE as TOML when it parses as one (["-O1"], false, 30), else as a plain string (clang++).
  std::string text = key + " = " + value + "\n";
  try {
    (void)toml::parse(text);
  } catch (const toml::parse_error&) {
    text = key + " = " + toml_quoted(value) + "\n";
  }
  try {
    add_text(text, where);
  } catch (const ToolchainError& e) {
    // Drop the "where:1:N" position: the setting is one short line.
    std::string message = e.what();
    const std::string prefix = where + ":1:";
    if (message.rfind(prefix, 0) == 0) {
      const std::size_t colon = message.find(": ", prefix.size());
      if (colon != std::string::npos) message = where + message.substr(colon);
    }
    throw ToolchainError(message);
  }
}

const Toolchain& ToolchainConfig::toolchain(std::string_view language) const {
  auto it = toolchains_.find(language);
  if (it == toolchains_.end())
    throw ToolchainError("no toolchain '" + std::string(language) + "' (known: " + fmt::to_string(fmt::join(languages(), ", ")) + ")");
  return it->second;
}

std::vector<std::string> ToolchainConfig::languages() const {
  std::vector<std::string> out;
  for (const auto& [name, t] : toolchains_) out.push_back(name);
  return out;
}

fs::path default_toolchains_file(const fs::path& data_dir) {
  if (data_dir.empty()) return {};
  std::error_code ec;
  for (const fs::path& p : {data_dir / "engine/toolchains.toml", data_dir / "toolchains.toml"})
    if (fs::is_regular_file(p, ec)) return p;
  return {};
}

}  // namespace exengine
