#include "manifest/manifest.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/probe_counters.h"
#include "core/suggest.h"
#include "manifest/toml_reader.h"

namespace exengine {

namespace {

using Entry = TomlReader::Entry;

// The schema, in docs/manifest.md's order (tests/manifest_doc_test.cc compares the two).
const std::vector<std::string> kTopKeys{"plugin", "exercise"};
const std::vector<std::string> kPluginKeys{"name",    "title",    "version",    "abi",
                                           "library", "starters", "description"};
const std::vector<std::string> kPluginRequired{"name", "title", "version", "abi"};
const std::vector<std::string> kExerciseKeys{"id",     "title",  "prompt",   "source", "languages",
                                             "points", "timeout", "hints",   "grader", "trials",
                                             "stress", "race",   "requires", "limits"};
const std::vector<std::string> kExerciseRequired{"id", "title", "prompt", "grader"};
const std::vector<std::string> kLimitKeys{"wall",      "cpu",          "memory_mb", "processes",
                                          "output_kb", "file_size_kb", "open_files", "disk_mb",
                                          "disk_files"};
// The counters and booleans a `requires` may name: core/probe_counters.h.
const std::vector<std::string>& kCounters = requirable_counter_names();
const std::vector<std::string>& kBooleans = probe_boolean_names();
const std::vector<std::string> kLanguages{"python", "cpp"};
const std::vector<std::string> kOperators{">=", "<=", "==", ">", "<"};  // longest first
const std::vector<std::string> kNoKeys;

constexpr double kMaxSeconds = 3600;
constexpr std::int64_t kMaxTrials = 100;
constexpr std::size_t kMaxFileBytes = 4 << 20;

bool contains(const std::vector<std::string>& list, std::string_view s) {
  for (const auto& item : list)
    if (item == s) return true;
  return false;
}

// [a-z0-9-]+
bool is_name(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

// Makes a message one line: control characters (a newline in a quoted key, say) become escapes.
std::string one_line(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (c < 0x20 || c == 0x7f) out += fmt::format("\\x{:02x}", c);
    else out += static_cast<char>(c);
  }
  return out;
}

// Validates and converts one document. Single use; holds references to the caller's reader and
// manifest only for the duration of run().
class ManifestParser {
 public:
  ManifestParser(const TomlReader& reader, Manifest& manifest) : r_(reader), m_(manifest) {}

  void run(const toml::table& root) {
    const Entry* plugin = nullptr;
    const Entry* exercises = nullptr;
    const auto top = TomlReader::entries(root);
    for (const auto& e : top) {
      if (e.name() == "plugin") plugin = &e;
      else if (e.name() == "exercise") exercises = &e;
      else r_.unknown_key(e, kTopKeys, "at the top level");
    }
    if (!plugin)
      r_.fail(r_.start_of_file(),
              "no [plugin] table: a plugin.toml needs [plugin] with name, title, version and abi");
    if (!plugin->node->is_table()) r_.wrong_type(*plugin, "a table ([plugin])");
    parse_plugin(*plugin->node->as_table());

    if (!exercises)
      r_.fail(r_.start_of_file(), "no [[exercise]] tables: a plugin needs at least one exercise");
    const auto* array = exercises->node->as_array();
    if (!array) r_.wrong_type(*exercises, "an array of tables ([[exercise]])");
    if (array->empty())
      r_.fail(r_.pos(*array), "no [[exercise]] tables: a plugin needs at least one exercise");
    for (const auto& item : *array) {
      const auto* table = item.as_table();
      if (!table)
        r_.fail(r_.pos(item), "'exercise' must be an array of tables ([[exercise]]), but holds " +
                                  TomlReader::type_phrase(item));
      m_.exercises.push_back(parse_exercise(*table));
    }
  }

 private:
  [[noreturn]] void bad_value(const Entry& e, const std::string& message) const {
    r_.fail(r_.pos(*e.node), message);
  }

  void parse_plugin(const toml::table& t) {
    PluginInfo& p = m_.plugin;
    for (const auto& e : TomlReader::entries(t)) {
      const std::string k = e.name();
      if (k == "name") {
        p.name = r_.string(e);
        if (!is_name(p.name)) bad_value(e, "plugin name '" + p.name + "' must be of [a-z0-9-]");
      } else if (k == "title") {
        p.title = r_.non_empty_string(e);
      } else if (k == "version") {
        p.version = r_.non_empty_string(e);
      } else if (k == "abi") {
        const std::int64_t abi = r_.integer(e);
        if (abi < 1 || abi > std::numeric_limits<int>::max())
          bad_value(e, fmt::format("'abi' must be between 1 and {}, not {}",
                                   std::numeric_limits<int>::max(), abi));
        p.abi = static_cast<int>(abi);
        p.abi_pos = r_.pos(*e.node);
      } else if (k == "library") {
        std::string lib = r_.non_empty_string(e);
        if (lib.find('/') != std::string::npos)
          bad_value(e, "'library' must be a base name without '/' (lib<library>.so is looked up), not '" +
                           lib + "'");
        p.library = std::move(lib);
        p.library_pos = r_.pos(*e.node);
      } else if (k == "starters") {
        p.starters = r_.non_empty_string(e);
        if (p.starters.front() == '/')
          bad_value(e, "'starters' must be a folder relative to the plugin folder, not '" +
                           p.starters + "'");
      } else if (k == "description") {
        p.description = r_.string(e);
      } else {
        r_.unknown_key(e, kPluginKeys, "in [plugin]");
      }
    }
    r_.require_keys(t, kPluginRequired, "[plugin]");
  }

  Exercise parse_exercise(const toml::table& t) {
    Exercise x;
    x.pos = r_.pos(t);
    x.topic = m_.plugin.name;
    for (const auto& e : TomlReader::entries(t)) {
      const std::string k = e.name();
      if (k == "id") {
        parse_id(e, x);
      } else if (k == "title") {
        x.title = r_.non_empty_string(e);
      } else if (k == "prompt") {
        x.prompt = r_.non_empty_string(e);
      } else if (k == "source") {
        x.source = r_.string(e);
      } else if (k == "languages") {
        x.languages = parse_languages(e);
      } else if (k == "points") {
        const double v = r_.number(e);
        if (!(v >= 0)) bad_value(e, fmt::format("'points' must be 0 or more, not {}", v));
        if (!std::isfinite(v)) bad_value(e, fmt::format("'points' must be finite, not {}", v));
        x.points = v;
      } else if (k == "timeout") {
        x.timeout_s = seconds(e);
      } else if (k == "hints") {
        x.hints = r_.strings(e);
      } else if (k == "grader") {
        x.grader = parse_grader(r_.table(e));
      } else if (k == "trials") {
        x.trials = static_cast<int>(integer_in(e, 1, kMaxTrials));
      } else if (k == "stress") {
        x.stress = r_.boolean(e);
      } else if (k == "race") {
        x.race = r_.boolean(e);
      } else if (k == "requires") {
        x.requires_ = parse_requires(r_.table(e));
      } else if (k == "limits") {
        x.limits = parse_limits(r_.table(e));
      } else {
        r_.unknown_key(e, kExerciseKeys, "in [[exercise]]");
      }
    }
    r_.require_keys(t, kExerciseRequired, "[[exercise]]");
    if (x.languages.empty()) x.languages = {"python"};
    return x;
  }

  void parse_id(const Entry& e, Exercise& x) {
    x.id = r_.string(e);
    const std::string& topic = m_.plugin.name;
    const auto slash = x.id.find('/');
    if (slash == std::string::npos || x.id.substr(0, slash) != topic)
      bad_value(e, "exercise id '" + x.id + "' must start with '" + topic + "/' (the plugin's name)");
    x.name = x.id.substr(slash + 1);
    if (!is_name(x.name))
      bad_value(e, "exercise id '" + x.id + "' must be 'topic/name' with name of [a-z0-9-]");
    const SourcePos at = r_.pos(*e.node);
    const auto [first, inserted] = seen_ids_.emplace(x.id, at);
    if (!inserted)
      bad_value(e, "duplicate exercise id '" + x.id + "' (first at " + first->second.str() + ")");
  }

  std::vector<std::string> parse_languages(const Entry& e) {
    std::vector<std::string> langs = r_.strings(e);
    if (langs.empty()) bad_value(e, "'languages' must not be empty (valid: " + fmt::to_string(fmt::join(kLanguages, ", ")) + ")");
    const auto& items = *e.node->as_array();
    for (std::size_t i = 0; i < langs.size(); ++i) {
      if (!contains(kLanguages, langs[i]))
        r_.fail(r_.pos(items[i]), "'languages' has unknown language '" + langs[i] +
                                      "' (valid: " + fmt::to_string(fmt::join(kLanguages, ", ")) + ")");
      for (std::size_t j = 0; j < i; ++j)
        if (langs[j] == langs[i])
          r_.fail(r_.pos(items[i]), "'languages' lists '" + langs[i] + "' twice");
    }
    return langs;
  }

  GraderSpec parse_grader(const toml::table& t) {
    GraderSpec g;
    g.pos = r_.pos(t);
    Table options;
    for (const auto& e : TomlReader::entries(t)) {
      if (e.name() == "name") g.name = r_.non_empty_string(e);
      else options.emplace_back(e.name(), TomlReader::to_value(*e.node));
    }
    r_.require_keys(t, {"name"}, "[exercise.grader]");
    g.options = Options(Value(std::move(options), g.pos.line, g.pos.column));
    return g;
  }

  std::vector<Requirement> parse_requires(const toml::table& t) {
    std::vector<Requirement> out;
    for (const auto& e : TomlReader::entries(t)) {
      Requirement q;
      q.counter = e.name();
      q.pos = r_.pos(*e.key);
      if (contains(kBooleans, q.counter)) {
        q.op = "==";
        q.value = r_.boolean(e) ? 1 : 0;
      } else if (contains(kCounters, q.counter)) {
        parse_comparison(e, q);
      } else {
        std::vector<std::string> all = kCounters;
        all.insert(all.end(), kBooleans.begin(), kBooleans.end());
        std::string message = "'requires' has unknown counter '" + q.counter + "'";
        if (auto close = closest_match(q.counter, all))
          message += " (did you mean '" + *close + "'?)";
        else
          message += " (valid: " + fmt::to_string(fmt::join(all, ", ")) + ")";
        r_.fail(q.pos, message);
      }
      out.push_back(std::move(q));
    }
    return out;
  }

  // "OP N": OP one of kOperators, N a non-negative integer; blanks around either are allowed.
  void parse_comparison(const Entry& e, Requirement& q) {
    const std::string expected =
        "'" + q.counter + "' must be \"OP N\" with OP one of " + fmt::to_string(fmt::join(kOperators, ", "));
    const auto* s = e.node->as_string();
    if (!s) bad_value(e, expected + ", not " + TomlReader::type_phrase(*e.node));
    std::string_view text = s->get();
    auto skip_blanks = [&] {
      while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    };
    skip_blanks();
    for (const auto& op : kOperators)
      if (text.substr(0, op.size()) == op) {
        q.op = op;
        break;
      }
    if (q.op.empty()) bad_value(e, expected);
    text.remove_prefix(q.op.size());
    skip_blanks();
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, q.value);
    if (text.empty() || text.front() == '-' || ec != std::errc() || ptr != end) bad_value(e, expected);
  }

  LimitOverrides parse_limits(const toml::table& t) {
    LimitOverrides l;
    for (const auto& e : TomlReader::entries(t)) {
      const std::string k = e.name();
      if (k == "wall") l.wall_s = seconds(e);
      else if (k == "cpu") l.cpu_s = seconds(e);
      else if (k == "memory_mb") l.memory_mb = integer_in(e, 1, 1 << 20);
      else if (k == "processes") l.processes = static_cast<int>(integer_in(e, 1, 100000));
      else if (k == "output_kb") l.output_bytes = integer_in(e, 0, 1 << 20) * 1024;
      else if (k == "file_size_kb") l.file_size_kb = integer_in(e, 0, std::int64_t{1} << 30);
      else if (k == "open_files") l.open_files = static_cast<int>(integer_in(e, 1, 1 << 20));
      else if (k == "disk_mb") l.disk_mb = integer_in(e, 1, 1 << 20);
      else if (k == "disk_files") l.disk_files = integer_in(e, 16, 1 << 24);
      else r_.unknown_key(e, kLimitKeys, "in [exercise.limits]");
    }
    return l;
  }

  double seconds(const Entry& e) const {
    const double v = r_.number(e);
    if (!(v > 0 && v <= kMaxSeconds))
      bad_value(e, fmt::format("'{}' must be more than 0 and at most {} (seconds), not {}", e.name(),
                               kMaxSeconds, v));
    return v;
  }

  std::int64_t integer_in(const Entry& e, std::int64_t lo, std::int64_t hi) const {
    const std::int64_t v = r_.integer(e);
    if (v < lo || v > hi)
      bad_value(e, fmt::format("'{}' must be between {} and {}, not {}", e.name(), lo, hi, v));
    return v;
  }

  const TomlReader& r_;
  Manifest& m_;
  std::map<std::string, SourcePos, std::less<>> seen_ids_;
};

}  // namespace

std::string SourcePos::str() const {
  if (line <= 0) return file;
  if (column <= 0) return file + ":" + std::to_string(line);
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

ManifestError::ManifestError(SourcePos pos, const std::string& message)
    : std::runtime_error(one_line(pos.str() + ": " + message)),
      pos_(std::move(pos)),
      message_(one_line(message)) {}

const Exercise* Manifest::find(std::string_view id) const {
  for (const auto& x : exercises)
    if (x.id == id) return &x;
  return nullptr;
}

Manifest parse_manifest(const std::filesystem::path& path, const std::string& display) {
  namespace fs = std::filesystem;
  const std::string name = display.empty() ? path.string() : display;
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (fs::is_directory(status)) throw ManifestError({name}, "is a folder, not a file");
  if (fs::exists(status) && !fs::is_regular_file(status))
    throw ManifestError({name}, "is not a regular file");
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int err = errno;
    throw ManifestError({name}, std::string("cannot read (") +
                                    (err ? std::strerror(err) : "cannot open") + ")");
  }
  std::string text;
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxFileBytes)
      throw ManifestError({name}, fmt::format("is too large (more than {} bytes)", kMaxFileBytes));
  }
  if (in.bad()) throw ManifestError({name}, "cannot read (read error)");
  Manifest m = parse_manifest_text(text, name, path.parent_path());
  m.path = path;
  return m;
}

Manifest parse_manifest_text(std::string_view text, const std::string& display,
                             const std::filesystem::path& dir) {
  TomlReader reader(display);
  const toml::table root = reader.parse(text);
  Manifest m;
  m.dir = dir;
  m.path = dir.empty() ? std::filesystem::path(display) : dir / "plugin.toml";
  ManifestParser(reader, m).run(root);
  return m;
}

const std::vector<std::string>& manifest_keys(std::string_view table) {
  if (table == "top") return kTopKeys;
  if (table == "plugin") return kPluginKeys;
  if (table == "exercise") return kExerciseKeys;
  if (table == "limits") return kLimitKeys;
  if (table == "requires-counters") return kCounters;
  if (table == "requires-booleans") return kBooleans;
  return kNoKeys;
}

const std::vector<std::string>& manifest_required_keys(std::string_view table) {
  if (table == "top") return kTopKeys;
  if (table == "plugin") return kPluginRequired;
  if (table == "exercise") return kExerciseRequired;
  return kNoKeys;
}

}  // namespace exengine
