#include "py_list_grader.h"

#include <algorithm>
#include <map>
#include <string_view>

namespace exengine {
namespace {

const Options& checked(const Options& options) {
  options.allow_only({"expected", "order", "extra_lines"});
  return options;
}

std::string trimmed(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\f\v");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\f\v");
  return std::string(s.substr(b, e - b + 1));
}

std::vector<std::string> nonblank_lines(std::string_view output) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < output.size()) {
    std::size_t end = output.find('\n', start);
    if (end == std::string_view::npos) end = output.size();
    std::string line = trimmed(output.substr(start, end - start));
    if (!line.empty()) lines.push_back(std::move(line));
    start = end + 1;
  }
  return lines;
}

bool looks_like_item(const std::string& line) {
  const PyListParse p = parse_py_list("[" + line + "]");
  return p.ok && p.items.size() == 1;
}

// A teaching message when the output shows a Python object instead of the list; empty if not.
std::string object_message(const std::vector<std::string>& lines) {
  for (const std::string& line : lines) {
    if (line.find(" object at 0x") == std::string::npos) continue;
    if (line.find("MapResult") != std::string::npos || line.find("ApplyResult") != std::string::npos)
      return "the output shows a MapResult object, not the results: call .get() on what map_async returned (or use "
             "pool.map)";
    if (line.find("IMap") != std::string::npos || line.find("generator") != std::string::npos)
      return "the output shows an iterator, not the results: imap and imap_unordered are lazy; wrap them in list(...)";
    if (line.find("<map object") != std::string::npos)
      return "the output shows a map object: the built-in map is lazy and runs in this one process; use pool.map";
    return "the output shows a Python object (" + line + "), not the list of results";
  }
  return {};
}

std::string render(const std::vector<PyItem>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i].text;
  return out + "]";
}

}  // namespace

PyListGrader::PyListGrader(const Options& options) : expected_text_(checked(options).get_string("expected")) {
  const PyListParse p = parse_py_list(expected_text_);
  if (!p.ok) throw OptionError("expected", "'expected' is not a Python list: " + p.error);
  expected_ = p.items;
  expected_text_ = render(expected_);
  const std::string order = options.get_string("order", "exact");
  if (order != "exact" && order != "any")
    throw OptionError("order", "'order' must be \"exact\" or \"any\", not \"" + order + "\"");
  any_order_ = order == "any";
  extra_lines_ = options.get_bool("extra_lines", false);
}

GradeOutcome PyListGrader::grade(const GradeInput& input) const {
  const std::vector<std::string> lines = nonblank_lines(input.output);
  std::vector<const std::string*> lists;
  std::vector<const std::string*> others;
  for (const std::string& line : lines) (line.front() == '[' ? lists : others).push_back(&line);

  if (lists.empty()) {
    if (std::string m = object_message(lines); !m.empty()) return GradeOutcome::fail(m);
    if (lines.size() >= 2 && std::all_of(lines.begin(), lines.end(), looks_like_item))
      return GradeOutcome::fail("the results were printed one per line; print the whole list at once: print(results)");
    return GradeOutcome::fail("no Python list in the output; print the list of results, e.g. print(results)",
                              "-" + expected_text_ + "\n");
  }
  if (lists.size() > 1)
    return GradeOutcome::fail(std::to_string(lists.size()) + " lists were printed; print the results once");
  const std::string& line = *lists.front();
  const PyListParse got = parse_py_list(line);
  if (!got.ok) return GradeOutcome::fail("could not read '" + line + "' as a Python list: " + got.error);
  const std::string diff = "-" + expected_text_ + "\n+" + line + "\n";
  if (got.items.size() != expected_.size())
    return GradeOutcome::fail("the list has " + std::to_string(got.items.size()) + " items, expected " +
                                  std::to_string(expected_.size()),
                              diff);

  std::map<std::string, std::pair<int, std::string>> balance;  // key -> (expected minus got, text)
  for (const PyItem& item : expected_) {
    auto& [n, text] = balance[item.key];
    ++n;
    text = item.text;
  }
  for (const PyItem& item : got.items) {
    auto& [n, text] = balance[item.key];
    --n;
    if (text.empty()) text = item.text;
  }
  const bool same_multiset =
      std::all_of(balance.begin(), balance.end(), [](const auto& kv) { return kv.second.first == 0; });

  if (!any_order_) {
    for (std::size_t i = 0; i < expected_.size(); ++i) {
      if (got.items[i].key == expected_[i].key) continue;
      if (same_multiset)
        return GradeOutcome::fail(
            "the items are right but in another order: Pool.map returns results in input order; print the list it "
            "returned",
            diff);
      return GradeOutcome::fail("item " + std::to_string(i + 1) + " is " + got.items[i].text + ", expected " +
                                    expected_[i].text,
                                diff);
    }
  } else if (!same_multiset) {
    std::string missing, unexpected;
    for (const PyItem& item : expected_) {  // expected order, each value once
      auto it = balance.find(item.key);
      if (it->second.first > 0) {
        for (int k = 0; k < it->second.first; ++k) missing += (missing.empty() ? "" : ", ") + item.text;
        it->second.first = 0;
      }
    }
    for (const PyItem& item : got.items) {
      auto it = balance.find(item.key);
      if (it->second.first < 0) {
        for (int k = 0; k < -it->second.first; ++k) unexpected += (unexpected.empty() ? "" : ", ") + item.text;
        it->second.first = 0;
      }
    }
    std::string msg = "the results differ: missing " + missing;
    if (!unexpected.empty()) msg += "; unexpected " + unexpected;
    return GradeOutcome::fail(msg, diff);
  }
  if (!extra_lines_ && !others.empty())
    return GradeOutcome::fail("unexpected line '" + *others.front() + "'; print only the list", "+" + *others.front() + "\n");
  return GradeOutcome::pass();
}

std::unique_ptr<Grader> make_py_list_grader(const Options& options, const GraderHost&) {
  return std::make_unique<PyListGrader>(options);
}

}  // namespace exengine
