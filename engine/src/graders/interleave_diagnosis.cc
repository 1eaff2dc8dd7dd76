#include "graders/interleave_diagnosis.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "graders/text_lines.h"

namespace exengine {

namespace {

constexpr std::size_t kNone = SIZE_MAX;

struct Token {
  std::string_view text;
  bool newline = false;
  std::uint32_t owner = UINT32_MAX;  // who printed it, once matched; none: extra (or a line break)
  std::uint32_t slot = UINT32_MAX;   // which of the owner's lines
  bool matched() const { return owner != UINT32_MAX; }
};

// Known texts shorter than this are not picked out of a line that holds unknown text too: "100"
// is one wrong number, not "1" and "00".
constexpr std::size_t kMinPartialText = 4;

struct Part {
  std::string_view text;
  bool known;
};

// Splits `line` into texts of `vocab` (longest first) and runs of unknown text, with as little
// unknown text as possible. A line made of known texts only is a torn line; otherwise short known
// texts are not split out (kMinPartialText).
struct Vocab {
  std::unordered_set<std::string_view> texts;
  std::vector<std::size_t> sizes;  // the distinct sizes of the texts, longest first
};

std::vector<Part> segment(std::string_view line, const Vocab& vocab) {
  const std::size_t n = line.size();
  if (n * vocab.texts.size() > 4'000'000) return {{line, false}};  // a runaway line is one unknown text
  for (bool partial : {false, true}) {
    // best[j]: least unknown bytes to cover line[0, j); from[j]: where the last part starts.
    std::vector<std::size_t> best(n + 1, kNone), from(n + 1, kNone);
    std::vector<bool> known(n + 1, false);
    best[0] = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (best[i] == kNone) continue;
      for (std::size_t size : vocab.sizes) {
        std::size_t j = i + size;
        if (partial && size < kMinPartialText) continue;
        if (j <= n && best[i] < best[j] && vocab.texts.count(line.substr(i, size)))
          best[j] = best[i], from[j] = i, known[j] = true;
      }
      if (partial && best[i] + 1 < best[i + 1]) best[i + 1] = best[i] + 1, from[i + 1] = i, known[i + 1] = false;
    }
    if (best[n] == kNone) continue;
    std::vector<Part> parts;
    for (std::size_t j = n; j > 0; j = from[j]) {
      std::string_view piece = line.substr(from[j], j - from[j]);
      if (!known[j] && !parts.empty() && !parts.back().known)  // merge unknown bytes into one run
        parts.back().text = line.substr(from[j], piece.size() + parts.back().text.size());
      else
        parts.push_back({piece, known[j]});
    }
    std::reverse(parts.begin(), parts.end());
    return parts;
  }
  return {{line, false}};
}

}  // namespace

InterleaveDiagnosis diagnose_interleaving(const InterleaveSpec& spec, std::string_view output) {
  // Owners: the workers 0..W-1, then the main thread's lines before (W) and after (W + 1).
  const std::size_t workers = spec.workers.size();
  const std::size_t before = workers, after = workers + 1, owners = workers + 2;
  std::vector<const std::vector<std::string>*> lines(owners);
  for (std::size_t w = 0; w < workers; ++w) lines[w] = &spec.workers[w];
  lines[before] = &spec.before;
  lines[after] = &spec.after;

  // Every (owner, line) a text may come from, in order of preference: before, workers, after.
  std::map<std::string_view, std::vector<std::pair<std::size_t, std::size_t>>> slots;
  std::vector<std::size_t> preference{before};
  for (std::size_t w = 0; w < workers; ++w) preference.push_back(w);
  preference.push_back(after);
  std::vector<std::string_view> vocab;
  std::vector<std::string_view> expected_order;  // distinct texts, first appearance first
  std::unordered_map<std::string_view, long long> expected_count, got_count;
  for (std::size_t o : preference) {
    for (std::size_t k = 0; k < lines[o]->size(); ++k) {
      std::string_view text = (*lines[o])[k];
      if (text.empty()) continue;
      auto& s = slots[text];
      if (s.empty()) vocab.push_back(text), expected_order.push_back(text);
      s.push_back({o, k});
      ++expected_count[text];
    }
  }
  Vocab lookup;
  for (auto text : vocab) {
    lookup.texts.insert(text);
    lookup.sizes.push_back(text.size());
  }
  std::sort(lookup.sizes.begin(), lookup.sizes.end(), std::greater<>());
  lookup.sizes.erase(std::unique(lookup.sizes.begin(), lookup.sizes.end()), lookup.sizes.end());

  // The output as texts and line breaks.
  std::vector<Token> tokens;
  {
    std::size_t start = 0;
    while (start < output.size()) {
      std::size_t end = output.find('\n', start);
      bool complete = end != std::string_view::npos;
      if (!complete) end = output.size();
      std::string_view line = output.substr(start, end - start);
      if (!line.empty()) {
        if (slots.count(line)) {
          tokens.push_back({line});
        } else {
          for (const Part& part : segment(line, lookup)) tokens.push_back({part.text});
        }
      }
      if (complete) tokens.push_back({{}, true});
      start = end + 1;
    }
  }

  // Match each text to a line of an owner, preferring the owner's next unmatched line. Per text
  // and owner, the lines still open, soonest first (a cursor: matches only ever grow).
  std::vector<std::vector<bool>> matched(owners);
  for (std::size_t o = 0; o < owners; ++o) matched[o].assign(lines[o]->size(), false);
  std::vector<std::size_t> first_open(owners, 0);
  auto next_open = [&](std::size_t o) {
    std::size_t& k = first_open[o];
    while (k < matched[o].size() && (matched[o][k] || (*lines[o])[k].empty())) ++k;
    return k;
  };
  struct Open {
    std::size_t owner;
    std::vector<std::size_t> ks;
    std::size_t cursor = 0;
  };
  std::map<std::string_view, std::vector<Open>> open_slots;
  for (auto& [text, list] : slots) {
    auto& mine = open_slots[text];
    for (auto [o, k] : list) {
      if (mine.empty() || mine.back().owner != o) mine.push_back({o, {}});
      mine.back().ks.push_back(k);
    }
  }
  std::vector<std::string_view> got_order;
  for (Token& token : tokens) {
    if (token.newline) continue;
    if (got_count[token.text]++ == 0) got_order.push_back(token.text);
    auto it = open_slots.find(token.text);
    if (it == open_slots.end()) continue;
    Open* pick = nullptr;
    for (Open& open : it->second) {
      while (open.cursor < open.ks.size() && matched[open.owner][open.ks[open.cursor]]) ++open.cursor;
      if (open.cursor == open.ks.size()) continue;
      if (open.ks[open.cursor] == next_open(open.owner)) {
        pick = &open;
        break;
      }
      if (!pick) pick = &open;
    }
    if (!pick) continue;
    std::size_t k = pick->ks[pick->cursor++];
    matched[pick->owner][k] = true;
    token.owner = static_cast<std::uint32_t>(pick->owner);
    token.slot = static_cast<std::uint32_t>(k);
  }

  InterleaveDiagnosis result;
  auto& problems = result.problems;
  for (auto text : expected_order)
    if (got_count[text] < expected_count[text])
      problems.push_back(count_problem(text, expected_count[text], got_count[text]));
  for (auto text : got_order) {
    long long want = expected_count.count(text) ? expected_count[text] : 0;
    if (got_count[text] > want) problems.push_back(count_problem(text, want, got_count[text]));
  }
  for (std::size_t w = 0; w < workers; ++w) {
    std::size_t highest = kNone;
    for (const Token& token : tokens) {
      if (token.owner != w) continue;
      if (highest != kNone && token.slot < highest) {
        std::string who = workers > 1 ? fmt::format("worker {} printed", w + 1) : std::string("printed");
        problems.push_back(fmt::format("{} {} before {}", who, quote((*lines[w])[highest]), quote(token.text)));
        break;
      }
      if (highest == kNone || token.slot > highest) highest = token.slot;
    }
  }
  // The main thread's lines must come before (after) every worker's.
  bool keep_before = true, keep_after = true;
  {
    std::size_t first_other = kNone;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      const Token& t = tokens[i];
      if (!t.matched()) continue;
      if (t.owner != before && first_other == kNone) first_other = i;
      if (t.owner == before && first_other != kNone) {
        problems.push_back(fmt::format("{} came before {} (print it before starting the workers)",
                                       quote(tokens[first_other].text), quote(t.text)));
        keep_before = false;
        break;
      }
    }
    std::size_t first_after = kNone, last_other = kNone;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      const Token& t = tokens[i];
      if (t.owner == after && first_after == kNone) first_after = i;
      if (t.matched() && t.owner != after) last_other = i;
    }
    if (first_after != kNone && last_other != kNone && last_other > first_after) {
      problems.push_back(fmt::format("{} came before {} (join every worker before printing it)",
                                     quote(tokens[first_after].text), quote(tokens[last_other].text)));
      keep_after = false;
    }
  }

  // The closest legal output: what each matched text stands for, in the output's order.
  // What each token stands for: few tokens stand for anything, so it is kept sparse.
  std::unordered_map<std::size_t, std::vector<std::string_view>> emit;
  for (std::size_t o = 0; o < owners; ++o) {
    const auto& mine = *lines[o];
    bool kept = (o != before || keep_before) && (o != after || keep_after);
    std::vector<std::size_t> where, used;
    if (kept)
      for (std::size_t i = 0; i < tokens.size(); ++i)
        if (tokens[i].owner == o) where.push_back(i), used.push_back(tokens[i].slot);
    if (where.empty()) continue;  // written whole where the owner belongs (below)
    std::sort(used.begin(), used.end());
    for (std::size_t j = 0; j < where.size(); ++j) {
      auto& out = emit[where[j]];
      std::size_t from = j == 0 ? 0 : used[j];
      std::size_t to = j + 1 < used.size() ? used[j + 1] : mine.size();
      for (std::size_t k = from; k < to; ++k) out.push_back(mine[k]);
    }
  }
  std::vector<std::size_t> shown_cursor(owners, 0);
  std::vector<std::vector<std::size_t>> shown_at(owners);  // where each owner's texts are, in order
  for (const auto& [i, texts] : emit)
    if (!texts.empty()) shown_at[tokens[i].owner].push_back(i);
  for (auto& at : shown_at) std::sort(at.begin(), at.end());
  auto owner_of = [&](std::size_t i) {
    auto it = emit.find(i);
    return it == emit.end() || it->second.empty() ? kNone : tokens[i].owner;
  };

  std::string& out = result.closest;
  std::vector<bool> pending(owners, false);
  auto flush = [&](std::size_t o) {
    if (pending[o]) out += '\n', pending[o] = false;
  };
  auto write_line = [&](std::size_t o, std::string_view text) {
    if (o == after)
      for (std::size_t p = 0; p < owners; ++p) flush(p);
    else if (o != before)
      flush(before);
    flush(o);
    out += text;
    pending[o] = true;
  };
  std::size_t first_after_token = kNone;
  for (std::size_t i = 0; i < tokens.size() && first_after_token == kNone; ++i)
    if (tokens[i].owner == after && owner_of(i) == after) first_after_token = i;
  // An owner the output does not show at all is written whole where it belongs.
  auto unshown = [&](std::size_t o) { return shown_at[o].empty(); };
  auto write_whole = [&](std::size_t o) {
    if (unshown(o))
      for (auto text : *lines[o]) write_line(o, text);
  };
  auto write_unshown_workers = [&] {
    for (std::size_t o = 0; o < workers; ++o) write_whole(o);
  };
  write_whole(before);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (i == first_after_token) write_unshown_workers();
    if (!tokens[i].newline) {
      if (auto it = emit.find(i); it != emit.end())
        for (auto text : it->second) write_line(tokens[i].owner, text);
      continue;
    }
    // A line break ends some unfinished line: the one whose owner writes again soonest.
    std::size_t chosen = kNone, soonest = kNone;
    for (std::size_t o = 0; o < owners; ++o) {
      if (!pending[o]) continue;
      auto& at = shown_cursor[o];
      while (at < shown_at[o].size() && shown_at[o][at] <= i) ++at;
      std::size_t when = at < shown_at[o].size() ? shown_at[o][at] : kNone;
      if (when < soonest) chosen = o, soonest = when;
    }
    for (std::size_t o = 0; o < owners && chosen == kNone; ++o)
      if (pending[o]) chosen = o;
    if (chosen != kNone) flush(chosen);
  }
  if (first_after_token == kNone) write_unshown_workers();
  for (std::size_t o = 0; o < workers; ++o) flush(o);
  flush(before);
  write_whole(after);
  flush(after);
  return result;
}

}  // namespace exengine

namespace exengine {

std::optional<InterleaveDiagnosis> diagnose_line_breaks(const InterleaveSpec& spec, const InterleaveSearch& flat,
                                                        std::string_view output) {
  const std::size_t workers = spec.workers.size();
  const std::size_t before = workers, after = workers + 1, owners = workers + 2;
  // Each owner's writes, its line breaks included ("" never: empty pieces are not writes).
  std::vector<std::vector<std::string_view>> seq(owners);
  for (std::size_t w = 0; w < workers; ++w)
    for (const auto& line : spec.pieces[w]) {
      for (const auto& piece : line)
        if (!piece.empty()) seq[w].push_back(piece);
      seq[w].push_back("\n");
    }
  for (auto [o, lines] : {std::pair{before, &spec.before}, std::pair{after, &spec.after}})
    for (const auto& line : *lines) {
      if (!line.empty()) seq[o].push_back(line);
      seq[o].push_back("\n");
    }

  // The texts without line breaks: the main thread's around a legal interleaving of the workers'.
  std::string bare;
  bare.reserve(output.size());
  for (char c : output)
    if (c != '\n') bare += c;
  std::string head, tail;
  for (const auto& line : spec.before) head += line;
  for (const auto& line : spec.after) tail += line;
  if (bare.size() < head.size() + tail.size() || !std::string_view(bare).starts_with(head) ||
      !std::string_view(bare).ends_with(tail))
    return std::nullopt;
  InterleaveResult r = flat.run(std::string_view(bare).substr(head.size(), bare.size() - head.size() - tail.size()));
  if (r.kind != InterleaveResult::Kind::legal) return std::nullopt;

  // Who wrote each text, in order.
  std::vector<std::size_t> chunks;
  for (const auto& line : spec.before)
    if (!line.empty()) chunks.push_back(before);
  chunks.insert(chunks.end(), r.path.begin(), r.path.end());
  for (const auto& line : spec.after)
    if (!line.empty()) chunks.push_back(after);
  // upcoming[o]: the owner's chunks still to come (indices into chunks), soonest last.
  std::vector<std::vector<std::size_t>> upcoming(owners);
  for (std::size_t k = chunks.size(); k-- > 0;) upcoming[chunks[k]].push_back(k);

  InterleaveDiagnosis result;
  std::string& out = result.closest;
  out.reserve(output.size() + 16);
  std::vector<std::size_t> at(owners, 0);
  // The text of each owner's lines, and how many line breaks it has written.
  std::vector<const std::vector<std::string>*> texts(owners);
  for (std::size_t w = 0; w < workers; ++w) texts[w] = &spec.workers[w];
  texts[before] = &spec.before;
  texts[after] = &spec.after;
  std::vector<std::size_t> ended(owners, 0);
  std::vector<std::pair<std::size_t, std::string>> found;  // (where, problem), at most 3 kept
  std::size_t extra = 0, missing = 0;
  std::size_t missing_at_end = 0;
  std::size_t line = 1, i = 0;
  auto pending = [&](std::size_t o) { return at[o] < seq[o].size() && seq[o][at[o]] == "\n"; };
  auto done = [&](std::size_t o) { return at[o] == seq[o].size(); };
  auto flush = [&](std::size_t o) {  // line breaks the output lacks
    while (pending(o)) {
      out += '\n';
      ++at[o];
      std::string_view text = (*texts[o])[ended[o]++];
      if (i == output.size()) {
        ++missing_at_end;
      } else if (++missing; found.size() < 3) {
        std::string why = o == before ? " (the main thread prints its lines before starting the workers)" : "";
        found.emplace_back(i, text.empty() ? fmt::format("an empty line is missing before line {}", line)
                                           : fmt::format("a line break is missing after {} in line {}{}", quote(text),
                                                         line, why));
      }
    }
  };
  auto line_text = [&](std::size_t end) {
    std::size_t start = output.rfind('\n', end == 0 ? 0 : end - 1);
    start = (end == 0 || start == std::string_view::npos) ? 0 : start + 1;
    return output.substr(start, end - start);
  };
  std::size_t k = 0;
  while (i < output.size()) {
    if (output[i] == '\n') {
      // The line break of some unfinished line: the main thread's before the workers', else the
      // worker's that writes again soonest, else the main thread's last lines'.
      std::size_t chosen = SIZE_MAX;
      if (pending(before)) {
        chosen = before;
      } else if (done(before)) {
        std::size_t soonest = SIZE_MAX;
        bool workers_done = true;
        for (std::size_t w = 0; w < workers; ++w) {
          workers_done = workers_done && done(w);
          if (!pending(w)) continue;
          std::size_t when = upcoming[w].empty() ? SIZE_MAX - 1 : upcoming[w].back();
          if (chosen == SIZE_MAX || when < soonest) chosen = w, soonest = when;
        }
        if (chosen == SIZE_MAX && workers_done && pending(after)) chosen = after;
      }
      if (chosen == SIZE_MAX) {
        std::string_view text = line_text(i);
        if (++extra; found.size() < 3)
          found.emplace_back(i, text.empty() ? fmt::format("line {} is an extra empty line", line)
                                             : fmt::format("an extra line break after {} in line {}", quote(text), line));
      } else {
        out += '\n';
        ++at[chosen];
        ++ended[chosen];
      }
      ++line;
      ++i;
      continue;
    }
    if (k == chunks.size()) return std::nullopt;  // cannot happen: the texts were matched
    std::size_t o = chunks[k++];
    if (o != before) flush(before);
    if (o == after)
      for (std::size_t w = 0; w < workers; ++w) flush(w);
    flush(o);
    if (at[o] == seq[o].size()) return std::nullopt;
    std::string_view text = seq[o][at[o]++];
    if (output.compare(i, text.size(), text) != 0) return std::nullopt;
    out += text;
    i += text.size();
    upcoming[o].pop_back();
  }
  flush(before);
  for (std::size_t w = 0; w < workers; ++w) flush(w);
  flush(after);

  auto& problems = result.problems;
  for (auto& [where, problem] : found) problems.push_back(std::move(problem));
  if (extra + missing > found.size())
    problems.push_back(fmt::format("{} extra and {} missing line breaks in all", extra, missing));
  if (missing_at_end > 0) {
    std::string_view last = line_text(output.size());
    auto breaks = static_cast<std::size_t>(std::count(output.begin(), output.end(), '\n'));
    std::size_t expected_breaks = 0;
    for (const auto& mine : seq) expected_breaks += static_cast<std::size_t>(std::count(mine.begin(), mine.end(), "\n"));
    if (!output.empty() && output.back() != '\n' && missing_at_end == 1)
      problems.push_back(fmt::format("the last line, {}, has no line break", quote(last)));
    else
      problems.push_back(fmt::format("{} (the output has {}; the {} lines printed need {})",
                                     missing_at_end == 1 ? std::string("a line break is missing")
                                                         : fmt::format("{} line breaks are missing", missing_at_end),
                                     breaks, expected_breaks, expected_breaks));
  }
  if (problems.empty()) return std::nullopt;  // the output was legal after all
  return result;
}

}  // namespace exengine
