#include "learner/watch_screen.h"

#include <algorithm>
#include <sstream>

#include <fmt/format.h>

#include "report/result_printer.h"
#include "manifest/manifest.h"

namespace exengine {

namespace {

constexpr std::size_t kFooterLines = 2;  // blank, keys

void append(std::vector<std::string>& out, const std::vector<std::string>& more) {
  out.insert(out.end(), more.begin(), more.end());
}

// Keeps the first `n` lines; the last kept one becomes `cut_note` when lines were dropped.
std::vector<std::string> fit(std::vector<std::string> lines, std::size_t n, const std::string& cut_note) {
  if (lines.size() <= n) return lines;
  lines.resize(n);
  if (n > 0) lines.back() = cut_note;
  return lines;
}

std::string paint(bool color, const char* code, const std::string& text) {
  return color ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : text;
}

std::string header(const WatchFrame& f) {
  return fmt::format("exengine watch · {} · {}/{} passed{}", f.root, f.passed, f.count, f.note.empty() ? "" : " · " + f.note);
}

// Terminal cells of `text`: colour sequences take none, a UTF-8 character one.
std::size_t display_width(const std::string& text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == 0x1b && i + 1 < text.size() && text[i + 1] == '[') {
      while (i < text.size() && !(text[i] >= '@' && text[i] <= '~' && text[i] != '[')) ++i;
      continue;
    }
    width += (c & 0xC0) != 0x80;
  }
  return width;
}

// A line that starts a block of its own: a list item, indented (code) or a fence.
bool starts_block(const std::string& line) {
  if (line.empty()) return true;
  if (line[0] == ' ' || line[0] == '\t' || line.starts_with("- ") || line.starts_with("* ") || line.starts_with("```"))
    return true;
  std::size_t i = 0;
  while (i < line.size() && line[i] >= '0' && line[i] <= '9') ++i;
  return i > 0 && i + 1 < line.size() && (line[i] == '.' || line[i] == ')') && line[i + 1] == ' ';
}

}  // namespace

std::string WatchScreen::reflow(const std::string& text) {
  std::vector<std::string> in;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    in.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  if (!text.empty() && text.back() == '\n') in.pop_back();
  std::string out;
  bool in_code = false;
  for (std::size_t i = 0; i < in.size(); ++i) {
    std::string line = in[i];
    if (line.starts_with("```")) in_code = !in_code;
    const bool last = i + 1 == in.size();
    const bool join = !last && !in_code && !line.empty() && line[0] != ' ' && line[0] != '\t' &&
                      !line.starts_with("```") && !starts_block(in[i + 1]);
    if (join) {
      while (!line.empty() && line.back() == ' ') line.pop_back();
      line += ' ';
    }
    out += line;
    if (join) continue;
    if (!last || (!text.empty() && text.back() == '\n')) out += '\n';
  }
  return out;
}

std::vector<std::string> WatchScreen::wrap(const std::string& text, int cols_in) {
  const std::size_t cols = static_cast<std::size_t>(std::max(cols_in, 10));
  std::vector<std::string> out;
  std::string line;
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      out.push_back(line);
      line.clear();
      width = 0;
      continue;
    }
    if (c == 0x1b && i + 1 < text.size() && text[i + 1] == '[') {  // colour: no width
      std::size_t j = i + 2;
      while (j < text.size() && !(text[j] >= '@' && text[j] <= '~')) ++j;
      line += text.substr(i, j + 1 - i);
      i = j;
      continue;
    }
    const bool continuation = (c & 0xC0) == 0x80;
    if (c == ' ' && width == cols) {  // the line is full up to a word's end: break at this space
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out.push_back(line + (line.find('\x1b') != std::string::npos ? "\x1b[0m" : ""));
      line.clear();
      width = 0;
      continue;
    }
    if (!continuation && width == cols) {
      // Break at the last space when that keeps at least half the line; else mid-word.
      std::size_t space = line.rfind(' ');
      std::string rest;
      if (space != std::string::npos && display_width(line.substr(0, space)) >= cols / 2) {
        rest = line.substr(space + 1);
        line.resize(space);
        while (!line.empty() && line.back() == ' ') line.pop_back();  // "a  b" breaks as "a" / "b"
      }
      out.push_back(line + (line.find('\x1b') != std::string::npos ? "\x1b[0m" : ""));
      line = rest;
      width = display_width(rest);
    }
    line += static_cast<char>(c);
    if (!continuation) ++width;
  }
  if (!line.empty() || text.empty() || text.back() != '\n') out.push_back(line);
  return out;
}

std::vector<std::string> WatchScreen::lines(const WatchFrame& f) const {
  const std::size_t rows = static_cast<std::size_t>(std::max(f.rows, 8)) - 1;  // the last row stays free
  std::vector<std::string> out;
  append(out, wrap(header(f), f.cols));
  append(out, wrap(f.flash, f.cols));
  out.push_back("");

  if (f.list) {
    std::vector<std::string> list = wrap(f.list_text, f.cols);
    const std::size_t per_page = rows > out.size() + kFooterLines ? rows - out.size() - kFooterLines : 1;
    const std::size_t pages = list_pages(f);
    const std::size_t page = list_page(f);
    for (std::size_t i = page * per_page; i < list.size() && i < (page + 1) * per_page; ++i) out.push_back(list[i]);
    out.resize(std::min(out.size(), rows - kFooterLines), "");
    out.push_back("");
    out.push_back(pages > 1 && page + 1 < pages
                      ? fmt::format("[↑/↓] choose  [Enter] open  [l] more (page {} of {})  [Esc] back", page + 1, pages)
                      : "[↑/↓] choose  [Enter] open  [l] back to the exercise  [q] quit");
    return out;
  }

  if (!f.exercise) {
    append(out, wrap(paint(f.color, "32", "Every exercise in this workspace passed. Well done!"), f.cols));
    out.push_back("");
    out.push_back("[l] list  [q] quit");
    return out;
  }

  const Exercise& ex = *f.exercise;
  append(out, wrap(fmt::format("Exercise {} of {}: {} — {}", f.index, f.count, ex.id, ex.title), f.cols));
  append(out, wrap(fmt::format("Your file: {}  (edit it and save: every save is checked)", f.file), f.cols));
  out.push_back("");

  std::vector<std::string> prompt = wrap(reflow(ex.prompt), f.cols);
  while (!prompt.empty() && prompt.back().empty()) prompt.pop_back();
  prompt.push_back("");

  std::vector<std::string> verdict;
  if (f.checking) verdict.push_back(paint(f.color, "33", fmt::format("checking… {:.1f} s", f.checking_s)));
  if (f.result) {
    const ExerciseResult& r = *f.result;
    const std::string label = f.checking || f.result_stale ? "Last check: " : "";
    if (r.verdict == Verdict::passed) {
      append(verdict, wrap(paint(f.color, "32", label + "✓ passed"), f.cols));
    } else {
      append(verdict, wrap(paint(f.color, "31", fmt::format("{}✗ {}", label, to_string(r.verdict))), f.cols));
      std::ostringstream explanation;
      ResultPrinter(explanation, f.color).explanations({r});
      std::vector<std::string> more = wrap(explanation.str(), f.cols);
      // Drop the printer's blank line and "── id (file): verdict" heading: said above.
      std::size_t skip = 0;
      while (skip < more.size() && skip < 2 && (more[skip].empty() || more[skip].find("── ") != std::string::npos)) ++skip;
      // The diff's file headers and its first hunk header say nothing the line above does not.
      bool first_hunk = true;
      for (std::size_t i = skip; i < more.size(); ++i) {
        const std::string& l = more[i];
        if (l == "    --- expected" || l == "    +++ got") continue;
        if (first_hunk && l.starts_with("    @@ ")) {
          first_hunk = false;
          continue;
        }
        verdict.push_back(l);
      }
    }
  } else if (!f.checking) {
    verdict.push_back("Not checked yet: save the file to check it.");
  }
  while (!verdict.empty() && verdict.back().empty()) verdict.pop_back();

  std::vector<std::string> hints;
  for (std::size_t i = 0; i < f.hints_revealed && i < ex.hints.size(); ++i)
    append(hints, wrap(fmt::format("Hint {} of {}: {}", i + 1, ex.hints.size(), ex.hints[i]), f.cols));
  if (!hints.empty()) hints.insert(hints.begin(), "");

  const std::string hint_key =
      ex.hints.empty() ? "[h] hint (none)"
                       : fmt::format("[h] hint ({} of {} shown)", std::min(f.hints_revealed, ex.hints.size()), ex.hints.size());
  std::vector<std::string> footer{""};
  append(footer, wrap(fmt::format("{}  [n] next  [p] previous  [l] list  [r] recheck  [q] quit", hint_key), f.cols));
  const std::size_t fixed = out.size() + footer.size();
  const std::size_t avail = rows > fixed ? rows - fixed : 0;
  // First the verdict with its message and the first lines of the diff (up to 7 lines), then up
  // to 3 lines of hints and 4 of the prompt; what is left goes to the verdict, the hints, the prompt.
  std::size_t rest = avail;
  auto take = [&rest](std::size_t want) {
    const std::size_t n = std::min(want, rest);
    rest -= n;
    return n;
  };
  std::size_t take_v = take(std::min<std::size_t>(verdict.size(), 7));
  std::size_t take_h = take(std::min<std::size_t>(hints.size(), 3));
  std::size_t take_p = take(std::min<std::size_t>(prompt.size(), 4));
  take_v += take(verdict.size() - take_v);
  take_h += take(hints.size() - take_h);
  take_p += take(prompt.size() - take_p);
  append(out, fit(prompt, take_p, fmt::format("… (the whole prompt: exengine show {})", ex.id)));
  append(out, fit(verdict, take_v, fmt::format("… (all of it: exengine check {})", f.file)));
  append(out, fit(hints, take_h, "… (every hint: exengine hint --all)"));
  append(out, footer);
  out.resize(std::min(out.size(), rows), "");
  return out;
}

std::size_t WatchScreen::list_pages(const WatchFrame& f) const {
  const std::size_t rows = static_cast<std::size_t>(std::max(f.rows, 8)) - 1;
  const std::size_t head = wrap(header(f), f.cols).size() + wrap(f.flash, f.cols).size() + 1;
  const std::size_t per_page = rows > head + kFooterLines ? rows - head - kFooterLines : 1;
  const std::size_t n = wrap(f.list_text, f.cols).size();
  return std::max<std::size_t>(1, (n + per_page - 1) / per_page);
}

std::size_t WatchScreen::list_page(const WatchFrame& f) const {
  const std::size_t pages = list_pages(f);
  if (!f.list_follow) return std::min(f.list_page, pages - 1);
  const std::size_t rows = static_cast<std::size_t>(std::max(f.rows, 8)) - 1;
  const std::size_t head = wrap(header(f), f.cols).size() + wrap(f.flash, f.cols).size() + 1;
  const std::size_t per_page = rows > head + kFooterLines ? rows - head - kFooterLines : 1;
  const std::vector<std::string> list = wrap(f.list_text, f.cols);
  for (std::size_t i = 0; i < list.size(); ++i)
    if (list[i].find("▶") != std::string::npos) return std::min(i / per_page, pages - 1);
  return 0;
}

std::string WatchScreen::render(const WatchFrame& frame) const {
  std::string out = "\x1b[H";
  std::vector<std::string> ls = lines(frame);
  for (std::size_t i = 0; i < ls.size(); ++i) {
    out += ls[i];
    out += "\x1b[K";
    if (i + 1 < ls.size()) out += "\r\n";
  }
  out += "\x1b[J";
  return out;
}

}  // namespace exengine
