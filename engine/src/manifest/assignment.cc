#include "manifest/assignment.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "core/suggest.h"
#include "core/text.h"
#include "core/timestamp.h"
#include "core/utf8_escape.h"
#include "manifest/toml_reader.h"

namespace exengine {
namespace {

double non_negative(const TomlReader& reader, const TomlReader::Entry& e) {
  const double v = reader.number(e);
  if (!(v >= 0) || !std::isfinite(v)) reader.fail(reader.pos(*e.node), "'" + e.name() + "' must not be negative");
  return v;
}

std::string visibility(const TomlReader& reader, const TomlReader::Entry& e) {
  const std::string v = reader.string(e);
  const auto& all = gradescope_visibilities();
  if (std::find(all.begin(), all.end(), v) != all.end()) return v;
  std::string message = "unknown visibility '" + escape_for_terminal(v) + "'";
  if (auto close = closest_match(v, all)) message += " (did you mean '" + *close + "'?)";
  else message += " (valid: visible, hidden, after_due_date, after_published)";
  reader.fail(reader.pos(*e.node), message);
}

std::int64_t due_date(const TomlReader& reader, const TomlReader::Entry& e) {
  const char* example = "a date-time with its offset, like 2026-03-14T23:59:00Z or 2026-03-14T23:59:00+01:00";
  if (const auto* dt = e.node->as_date_time()) {
    const toml::date_time& v = dt->get();
    if (!v.offset)
      reader.fail(reader.pos(*e.node), "'" + e.name() + "' has no time-zone offset: write " + example);
    const std::int64_t days = days_from_civil(v.date.year, v.date.month, v.date.day);
    return days * 86400 + v.time.hour * 3600 + v.time.minute * 60 + v.time.second - v.offset->minutes * 60;
  }
  if (const auto* s = e.node->as_string()) {
    if (auto t = parse_timestamp(s->get())) return *t;
    reader.fail(reader.pos(*e.node), "'" + e.name() + "' is not a date: '" + escape_for_terminal(s->get()) +
                                         "' (write " + example + ")");
  }
  reader.fail(reader.pos(*e.node), "'" + e.name() + "' must be " + example + ", not " + TomlReader::type_phrase(*e.node));
}

}  // namespace

const std::vector<std::string>& gradescope_visibilities() {
  static const std::vector<std::string> v{"visible", "hidden", "after_due_date", "after_published"};
  return v;
}

const AssignmentExercise* Assignment::find(const std::string& id) const {
  for (const auto& e : exercises)
    if (e.id == id) return &e;
  return nullptr;
}

Assignment parse_assignment(std::string_view text, const std::string& display, const std::vector<std::string>& known_ids) {
  TomlReader reader(display);
  const toml::table doc = reader.parse(text);
  Assignment a;
  std::string default_visibility = "visible";
  std::optional<bool> default_partial;
  const toml::table* exercises = nullptr;
  const toml::node* exercises_node = nullptr;
  for (const auto& e : TomlReader::entries(doc)) {
    const std::string key = e.name();
    if (key == "name") a.name = reader.string(e);
    else if (key == "due") a.due = due_date(reader, e);
    else if (key == "visibility") default_visibility = visibility(reader, e);
    else if (key == "partial_credit") default_partial = reader.boolean(e);
    else if (key == "late") {
      for (const auto& l : TomlReader::entries(reader.table(e))) {
        const std::string lk = l.name();
        if (lk == "percent_per_day") a.late.percent_per_day = non_negative(reader, l);
        else if (lk == "max_percent") a.late.max_percent = std::min(100.0, non_negative(reader, l));
        else if (lk == "grace_minutes") a.late.grace_minutes = static_cast<std::int64_t>(non_negative(reader, l));
        else reader.unknown_key(l, {"percent_per_day", "max_percent", "grace_minutes"}, "in [late]");
      }
    } else if (key == "exercises") {
      exercises = &reader.table(e);
      exercises_node = e.node;
    } else {
      reader.unknown_key(e, {"name", "due", "visibility", "partial_credit", "late", "exercises"}, "in the assignment");
    }
  }
  if (!exercises || exercises->empty())
    reader.fail(exercises_node ? reader.pos(*exercises_node) : reader.start_of_file(),
                "the assignment names no exercises (add [exercises.\"topic/name\"] tables)");
  if (doc.contains("late") && !a.due)
    reader.fail(reader.pos(*doc.get("late")), "[late] needs a 'due' date");
  for (const auto& e : TomlReader::entries(*exercises)) {
    AssignmentExercise ex;
    ex.id = e.name();
    ex.pos = reader.pos(*e.key);
    ex.visibility = default_visibility;
    if (default_partial) ex.partial_credit = *default_partial;
    if (std::find(known_ids.begin(), known_ids.end(), ex.id) == known_ids.end()) {
      std::string message = "unknown exercise '" + escape_for_terminal(ex.id) + "'";
      if (auto close = closest_match(ex.id, known_ids)) message += " (did you mean '" + *close + "'?)";
      else message += " (see exengine list)";
      reader.fail(ex.pos, message);
    }
    const auto* table = e.node->as_table();
    if (!table) reader.wrong_type(e, "a table (points, visibility, partial_credit)");
    for (const auto& f : TomlReader::entries(*table)) {
      const std::string fk = f.name();
      if (fk == "points") ex.points = non_negative(reader, f);
      else if (fk == "visibility") ex.visibility = visibility(reader, f);
      else if (fk == "partial_credit") ex.partial_credit = reader.boolean(f);
      else reader.unknown_key(f, {"points", "visibility", "partial_credit"}, "in exercise '" + ex.id + "'");
    }
    a.exercises.push_back(std::move(ex));
  }
  return a;
}

Assignment read_assignment(const std::filesystem::path& file, const std::vector<std::string>& known_ids) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ManifestError({file.string(), 0, 0}, "cannot read the assignment file");
  std::stringstream text;
  text << in.rdbuf();
  return parse_assignment(text.str(), file.string(), known_ids);
}

Lateness lateness(const Assignment& a, std::int64_t submitted) {
  Lateness out;
  if (!a.due) return out;
  const std::int64_t late = submitted - *a.due - a.late.grace_minutes * 60;
  if (late <= 0) return out;
  out.days = static_cast<int>((late + 86399) / 86400);
  out.percent = std::min(a.late.max_percent, out.days * a.late.percent_per_day);
  return out;
}

}  // namespace exengine
