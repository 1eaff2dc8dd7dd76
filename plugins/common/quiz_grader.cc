#include "quiz_grader.h"

#include <cmath>
#include <map>
#include <string_view>

namespace exengine {
namespace {

constexpr std::string_view kBlank = " \t\r\f\v";

std::string_view trim(std::string_view s, std::string_view chars = kBlank) {
  const auto b = s.find_first_not_of(chars);
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(chars);
  return s.substr(b, e - b + 1);
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// `B`, `(b)`, `'b'` and `b)` all mean the choice b.
std::string normalize_choice(std::string_view s) { return lower(trim(s, " \t\r\f\v\"'()[].")); }

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

bool valid_question_name(std::string_view s) {
  if (s.empty() || s[0] < 'a' || s[0] > 'z') return false;
  for (char c : s)
    if (!is_name_char(c)) return false;
  return true;
}

// The learner's text, quoted and shortened for a one-line message.
std::string quote(std::string_view answer) {
  constexpr std::size_t kMax = 40;
  if (answer.size() <= kMax) return "'" + std::string(answer) + "'";
  std::size_t cut = kMax;  // never split a UTF-8 sequence
  while (cut > 0 && (static_cast<unsigned char>(answer[cut]) & 0xC0) == 0x80) --cut;
  std::string s(answer.substr(0, cut));
  s += "...";
  return "'" + s + "'";
}

std::string plural(std::size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::vector<std::string> parse_synonyms(const Value& v, const std::string& where) {
  std::vector<std::string> out;
  auto add = [&](const Value& s) {
    if (!s.is_string() || trim(s.as_string()).empty())
      throw OptionError("answers", "'" + where + "' must be a non-empty array of keywords (strings or arrays of synonyms)");
    out.push_back(lower(trim(s.as_string())));
  };
  if (v.is_array()) {
    if (v.as_array().empty())
      throw OptionError("answers", "'" + where + "' must be a non-empty array of keywords (strings or arrays of synonyms)");
    for (const Value& s : v.as_array()) add(s);
  } else {
    add(v);
  }
  return out;
}

QuizGrader::Question parse_question(const std::string& name, const Value& v) {
  const std::string where = "answers." + name;
  QuizGrader::Question q;
  q.name = name;
  if (v.is_string()) {
    q.choice = normalize_choice(v.as_string());
    if (q.choice.empty()) throw OptionError("answers", "'" + where + "' is an empty choice");
    return q;
  }
  if (!v.is_table())
    throw OptionError("answers", "'" + where + "' must be a choice (a string) or a table with 'choice' or 'keywords', not " +
                                     v.type_name());
  for (const auto& [k, item] : v.as_table())
    if (k != "choice" && k != "keywords" && k != "min" && k != "why")
      throw OptionError("answers", "'" + where + "' has unknown key '" + k + "' (valid: choice, keywords, min, why)");
  const Value* choice = v.find("choice");
  const Value* keywords = v.find("keywords");
  if ((choice != nullptr) == (keywords != nullptr))
    throw OptionError("answers", "'" + where + "' needs exactly one of 'choice' and 'keywords'");
  if (const Value* why = v.find("why")) {
    if (!why->is_string()) throw OptionError("answers", "'" + where + ".why' must be a string, not " + why->type_name());
    q.why = std::string(trim(why->as_string()));
  }
  if (choice) {
    if (v.find("min")) throw OptionError("answers", "'" + where + ".min' applies only to 'keywords'");
    if (!choice->is_string())
      throw OptionError("answers", "'" + where + ".choice' must be a string, not " + choice->type_name());
    q.choice = normalize_choice(choice->as_string());
    if (q.choice.empty()) throw OptionError("answers", "'" + where + "' is an empty choice");
    return q;
  }
  const std::string kw_where = where + ".keywords";
  if (!keywords->is_array() || keywords->as_array().empty())
    throw OptionError("answers", "'" + kw_where + "' must be a non-empty array of keywords (strings or arrays of synonyms)");
  for (const Value& k : keywords->as_array()) q.keywords.push_back(parse_synonyms(k, kw_where));
  if (const Value* min = v.find("min")) {
    const auto n = static_cast<std::int64_t>(q.keywords.size());
    if (!min->is_int()) throw OptionError("answers", "'" + where + ".min' must be an integer, not " + min->type_name());
    if (min->as_int() < 1 || min->as_int() > n)
      throw OptionError("answers", "'" + where + ".min' must be between 1 and " + std::to_string(n) + ", not " +
                                       std::to_string(min->as_int()));
    q.min = static_cast<int>(min->as_int());
  }
  return q;
}

// How many of the rubric's keywords (any synonym) the answer contains.
int keywords_found(const QuizGrader::Question& q, std::string_view answer) {
  const std::string text = lower(answer);
  int found = 0;
  for (const auto& synonyms : q.keywords) {
    for (const auto& s : synonyms) {
      if (text.find(s) != std::string::npos) {
        ++found;
        break;
      }
    }
  }
  return found;
}

// One question's problem, or empty when the answer is right.
std::string judge_question(const QuizGrader::Question& q, const std::vector<std::string_view>& given) {
  if (given.empty()) return q.name + ": no answer (print a line '" + q.name + ": ANSWER')";
  if (given.size() > 1) return q.name + ": answered " + std::to_string(given.size()) + " times; print each answer once";
  const std::string_view answer = given.front();
  if (answer.empty()) return q.name + ": not answered yet";
  const std::string why = q.why.empty() ? "" : ": " + q.why;
  if (!q.choice.empty()) {
    if (normalize_choice(answer) == q.choice) return {};
    return q.name + ": " + quote(answer) + " is not right" + why;
  }
  const int found = keywords_found(q, answer);
  if (found >= q.min) return {};
  if (found == 0) return q.name + ": " + quote(answer) + " is not right" + why;
  return q.name + ": " + quote(answer) + " is only partly right (" + std::to_string(found) + " of " +
         plural(static_cast<std::size_t>(q.min), "key idea") + ")" + why;
}

}  // namespace

QuizGrader::QuizGrader(const Options& options) {
  options.allow_only({"answers", "pass_fraction"});
  const Value* answers = options.find("answers");
  if (!answers) throw OptionError("answers", "missing option 'answers'");
  if (!answers->is_table())
    throw OptionError("answers", std::string("'answers' must be a table of questions, not ") + answers->type_name());
  if (answers->as_table().empty()) throw OptionError("answers", "'answers' has no questions");
  for (const auto& [name, v] : answers->as_table()) {
    if (!valid_question_name(name))
      throw OptionError("answers", "'answers." + name +
                                       "' is not a question name (lower-case letter, then letters, digits, '-' or '_'; e.g. q1)");
    questions_.push_back(parse_question(name, v));
  }
  pass_fraction_ = options.get_number("pass_fraction", 1.0);
  if (!(pass_fraction_ > 0 && pass_fraction_ <= 1)) {
    std::string shown = std::to_string(pass_fraction_);
    shown.erase(shown.find_last_not_of('0') + 1);
    if (!shown.empty() && shown.back() == '.') shown.pop_back();
    throw OptionError("pass_fraction", "'pass_fraction' must be greater than 0 and at most 1, not " + shown);
  }
}

GradeOutcome QuizGrader::grade(const GradeInput& input) const {
  std::map<std::string, std::vector<std::string_view>, std::less<>> given;
  for (const auto& q : questions_) given[q.name];
  std::string_view rest = input.output;
  while (!rest.empty()) {
    const auto nl = rest.find('\n');
    std::string_view line = trim(rest.substr(0, nl));
    rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string name = lower(trim(line.substr(0, colon)));
    auto it = given.find(name);
    if (it != given.end()) it->second.push_back(trim(line.substr(colon + 1)));
  }

  bool any_answer = false;
  for (const auto& q : questions_)
    for (std::string_view a : given[q.name]) any_answer = any_answer || !a.empty();
  if (!any_answer) {
    std::string names;
    for (const auto& q : questions_) names += (names.empty() ? "" : ", ") + q.name;
    return GradeOutcome::fail("no question is answered yet: print one line per question, like '" + questions_.front().name +
                              ": ANSWER', for " + names +
                              " (0 of " + std::to_string(questions_.size()) + " right)");
  }

  std::vector<std::string> problems;
  for (const auto& q : questions_) {
    std::string p = judge_question(q, given[q.name]);
    if (!p.empty()) problems.push_back(std::move(p));
  }
  const std::size_t total = questions_.size();
  const std::size_t right = total - problems.size();
  const auto needed = static_cast<std::size_t>(std::ceil(pass_fraction_ * static_cast<double>(total) - 1e-9));
  const double score = static_cast<double>(right) / static_cast<double>(total);

  std::string details;
  for (const auto& p : problems) details += (details.empty() ? "" : "; ") + p;
  if (problems.empty()) return GradeOutcome::pass("all " + plural(total, "answer") + " right");
  if (right >= needed)
    return {Verdict::passed, score, std::to_string(right) + " of " + std::to_string(total) + " right, enough to pass; " + details, {}};
  std::string tally = std::to_string(right) + " of " + std::to_string(total) + " right";
  if (needed < total) tally += ", " + std::to_string(needed) + " needed";
  return GradeOutcome::fail(details + " (" + tally + ")", {}, score);
}

std::unique_ptr<Grader> make_quiz_grader(const Options& options, const GraderHost&) {
  return std::make_unique<QuizGrader>(options);
}

void register_quiz_grader(Registrar& registrar) {
  registrar.add_grader("quiz", "answers to multiple-choice and short free-text questions, printed as 'qN: ANSWER'",
                       &make_quiz_grader);
}

}  // namespace exengine
