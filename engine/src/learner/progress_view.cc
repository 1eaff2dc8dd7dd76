#include "learner/progress_view.h"

#include <algorithm>
#include <map>
#include <vector>

#include <fmt/format.h>

#include "learner/learner_workspace.h"
#include "manifest/manifest.h"

namespace exengine {

std::string progress_bar(std::size_t done, std::size_t total, std::size_t width) {
  std::size_t full = total == 0 ? 0 : (done * width + total / 2) / total;
  if (done > 0 && full == 0) full = 1;  // any progress shows
  if (done < total && full == width) full = width - 1;  // unfinished never looks finished
  std::string bar;
  for (std::size_t i = 0; i < width; ++i) bar += i < full ? "█" : "░";
  return bar;
}

std::string render_progress(const LearnerWorkspace& ws, const ProgressViewOptions& o) {
  auto paint = [&](const char* code, const std::string& text) {
    return o.color ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : text;
  };
  std::vector<std::string> topics;
  std::map<std::string, std::vector<const WorkspaceItem*>> by_topic;
  std::size_t topic_width = 0, name_width = 0;
  for (const WorkspaceItem& item : ws.items()) {
    const std::string& t = item.exercise->topic;
    if (!by_topic.count(t)) topics.push_back(t);
    by_topic[t].push_back(&item);
    topic_width = std::max(topic_width, t.size());
    name_width = std::max(name_width, item.exercise->name.size());
  }
  std::string out;
  std::size_t all_done = 0, all = 0;
  for (const std::string& t : topics) {
    const auto& items = by_topic[t];
    std::vector<ItemStatus> status;
    for (const WorkspaceItem* item : items) status.push_back(ws.status(*item));
    const std::size_t done = std::count(status.begin(), status.end(), ItemStatus::passed);
    all_done += done;
    all += items.size();
    out += fmt::format("{:<{}}  {}  {:>2}/{}\n", t, topic_width, paint(done == items.size() ? "32" : "0", progress_bar(done, items.size())),
                       done, items.size());
    if (!o.exercises) continue;
    for (std::size_t i = 0; i < items.size(); ++i) {
      const WorkspaceItem& item = *items[i];
      std::string mark, what;
      switch (status[i]) {
        case ItemStatus::passed: mark = paint("32", "✓"); what = "passed"; break;
        case ItemStatus::failed: {
          auto v = ws.last_verdict(item);
          mark = paint("31", "✗");
          what = std::string(to_string(v.value_or(Verdict::wrong_output)));
          break;
        }
        case ItemStatus::not_started: mark = "·"; what = "not started"; break;
        case ItemStatus::unchecked: mark = "?"; what = "changed, not checked yet"; break;
        case ItemStatus::no_file: mark = "-"; what = fmt::format("no file ({})", item.rel); break;
      }
      const char* cursor = o.current == &item ? "▶" : " ";
      out += fmt::format(" {}{} {:<{}}  {}\n", cursor, mark, item.exercise->name, name_width, what);
    }
  }
  out += fmt::format("\n{} of {} exercises passed.\n", all_done, all);
  return out;
}

}  // namespace exengine
