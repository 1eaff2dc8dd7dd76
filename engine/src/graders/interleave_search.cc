#include "graders/interleave_search.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace exengine {

InterleaveSearch::InterleaveSearch(const std::vector<std::vector<std::string>>& workers) {
  std::vector<std::pair<std::vector<std::string>, std::size_t>> kept_workers;
  for (std::size_t g = 0; g < workers.size(); ++g) {
    std::vector<std::string> kept;
    for (const auto& write : workers[g])
      if (!write.empty()) kept.push_back(write);
    if (!kept.empty()) kept_workers.emplace_back(std::move(kept), g);
  }
  std::sort(kept_workers.begin(), kept_workers.end());
  for (auto& [kept, g] : kept_workers) writes_.push_back(std::move(kept)), given_.push_back(g);
  same_as_next_.assign(writes_.size(), false);
  for (std::size_t w = 0; w + 1 < writes_.size(); ++w) same_as_next_[w] = writes_[w] == writes_[w + 1];
  for (const auto& worker : writes_) {
    unsigned bits = 1;
    while ((std::size_t{1} << bits) <= worker.size()) ++bits;
    bits_.push_back(bits);
    writes_count_ += worker.size();
    for (const auto& write : worker) {
      total_ += write.size();
      for (unsigned char c : write) ++histogram_[c];
    }
  }
}

namespace {

// A state: every worker's next-write index, packed into 64-bit words (a field never straddles
// two words). The set of states left behind keeps them in one flat array and an open-addressing
// table of indices: about 8 bytes per word plus 8 per state, exact (no hashing-away of states).
struct Key {
  std::vector<std::uint64_t> words;
  std::vector<std::pair<unsigned, unsigned>> field;  // (word, shift) of each worker
  explicit Key(const std::vector<unsigned>& bits) {
    unsigned word = 0, at = 0;
    for (unsigned b : bits) {
      if (at + b > 64) ++word, at = 0;
      field.emplace_back(word, at);
      at += b;
    }
    words.assign(word + 1, 0);
  }
  void advance(std::size_t w) { words[field[w].first] += std::uint64_t{1} << field[w].second; }
  void retreat(std::size_t w) { words[field[w].first] -= std::uint64_t{1} << field[w].second; }
};

class StateSet {
 public:
  explicit StateSet(std::size_t width) : width_(width), table_(1024, 0) {}
  std::size_t size() const { return count_; }
  std::size_t bytes_per_state() const { return 8 * width_ + 8; }
  // True when `key` was not in the set (and is now).
  bool insert(const Key& key) {
    if (2 * (count_ + 1) > table_.size()) grow();
    std::size_t slot = hash(key.words.data()) & (table_.size() - 1);
    for (;; slot = (slot + 1) & (table_.size() - 1)) {
      std::uint32_t at = table_[slot];
      if (at == 0) break;
      if (std::equal(key.words.begin(), key.words.end(), arena_.begin() + static_cast<std::ptrdiff_t>((at - 1) * width_)))
        return false;
    }
    arena_.insert(arena_.end(), key.words.begin(), key.words.end());
    table_[slot] = static_cast<std::uint32_t>(++count_);
    return true;
  }

 private:
  std::uint64_t hash(const std::uint64_t* words) const {
    std::uint64_t h = 0x9e3779b97f4a7c15ull;
    for (std::size_t i = 0; i < width_; ++i) {
      h ^= words[i] + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
      h ^= h >> 31;
      h *= 0xbf58476d1ce4e5b9ull;
    }
    return h ^ (h >> 29);
  }
  void grow() {
    std::vector<std::uint32_t> bigger(table_.size() * 2, 0);
    for (std::size_t k = 0; k < count_; ++k) {
      std::size_t slot = hash(arena_.data() + k * width_) & (bigger.size() - 1);
      while (bigger[slot] != 0) slot = (slot + 1) & (bigger.size() - 1);
      bigger[slot] = static_cast<std::uint32_t>(k + 1);
    }
    table_.swap(bigger);
  }
  std::size_t width_;
  std::size_t count_ = 0;
  std::vector<std::uint64_t> arena_;
  std::vector<std::uint32_t> table_;
};

}  // namespace

// Where each write may lie at the latest: the rightmost placement of each worker's writes, in
// order and without overlap. Every legal interleaving places write i of worker w at or before
// latest[w][i] (the greedy rightmost embedding bounds every embedding). Empty when some worker's
// writes do not fit at all.
std::vector<std::vector<std::size_t>> InterleaveSearch::latest_starts(std::string_view text) const {
  std::vector<std::vector<std::size_t>> latest(writes_.size());
  for (std::size_t w = 0; w < writes_.size(); ++w) {
    const auto& mine = writes_[w];
    latest[w].assign(mine.size(), 0);
    std::size_t bound = text.size();  // the next write starts here at the latest
    for (std::size_t i = mine.size(); i-- > 0;) {
      if (bound < mine[i].size()) return {};
      std::size_t at = text.rfind(mine[i], bound - mine[i].size());
      if (at == std::string_view::npos) return {};
      latest[w][i] = bound = at;
    }
  }
  return latest;
}

InterleaveResult InterleaveSearch::search(std::string_view text, std::size_t max_states) const {
  InterleaveResult result;
  const std::size_t workers = writes_.size();
  if (text.empty()) {
    result.kind = InterleaveResult::Kind::legal;
    return result;
  }
  const auto latest = latest_starts(text);
  if (latest.empty()) return result;  // illegal: some worker's writes are not all there, in order

  // Deadlines: write i of worker w must be out by latest + size. The writes due by some time T
  // must all fit between the current position and T; checked over the next kSweep deadlines.
  struct Due {
    std::uint32_t by, worker, index, size;
  };
  std::vector<Due> dues;
  for (std::size_t w = 0; w < workers; ++w)
    for (std::size_t i = 0; i < writes_[w].size(); ++i)
      dues.push_back({static_cast<std::uint32_t>(latest[w][i] + writes_[w][i].size()), static_cast<std::uint32_t>(w),
                      static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(writes_[w][i].size())});
  std::sort(dues.begin(), dues.end(), [](const Due& a, const Due& b) { return a.by < b.by; });

  std::vector<std::size_t> next(workers, 0);
  auto feasible = [&](std::size_t pos) {
    for (std::size_t w = 0; w < workers; ++w)
      if (next[w] < writes_[w].size() && latest[w][next[w]] < pos) return false;
    auto it = std::upper_bound(dues.begin(), dues.end(), pos, [](std::size_t p, const Due& d) { return p < d.by; });
    std::size_t need = 0, seen = 0;
    for (; it != dues.end() && seen < kSweep; ++it, ++seen) {
      if (it->by - pos >= text.size() - pos) break;  // everything left fits by then
      if (it->index < next[it->worker]) continue;
      need += it->size;
      if (need > it->by - pos) return false;
    }
    return true;
  };

  Key key(bits_);
  StateSet visited(key.words.size());
  visited.insert(key);
  if (max_states == 0) max_states = std::max(kDefaultMaxStates, 2 * writes_count_ + 1000);
  max_states = std::min(max_states, kMemoBytes / visited.bytes_per_state());
  if (!feasible(0)) {
    result.states = 1;
    return result;
  }

  // Workers are tried in order of their next write's latest start (the most urgent first), which
  // finds legal interleavings without backtracking in the common case.
  using Rank = std::pair<std::uint32_t, std::uint32_t>;  // (latest start of the next write, worker)
  const Rank none{0, 0};
  auto next_candidate = [&](const Rank& after, bool first) {
    Rank best{UINT32_MAX, UINT32_MAX};
    for (std::size_t w = 0; w < workers; ++w) {
      if (next[w] == writes_[w].size()) continue;
      Rank r{static_cast<std::uint32_t>(latest[w][next[w]]), static_cast<std::uint32_t>(w)};
      if ((first || after < r) && r < best) best = r;
    }
    return best;
  };
  struct Frame {
    std::uint32_t advanced;  // the worker whose write led here (workers for the root)
    Rank tried;              // the last worker tried from here
    bool fresh;              // none tried yet
    std::uint32_t pos;
  };
  std::vector<Frame> stack;
  stack.push_back({static_cast<std::uint32_t>(workers), none, true, 0});
  while (!stack.empty()) {
    bool pushed = false;
    for (;;) {
      Frame& frame = stack.back();
      Rank r = next_candidate(frame.tried, frame.fresh);
      if (r.second == UINT32_MAX) break;
      frame.tried = r;
      frame.fresh = false;
      std::size_t w = r.second;
      // Among identical workers at the same index, only the last one moves: indices stay sorted.
      if (same_as_next_[w] && next[w + 1] == next[w]) continue;
      const std::string& write = writes_[w][next[w]];
      if (text.compare(frame.pos, write.size(), write) != 0) continue;
      std::size_t pos = frame.pos + write.size();
      ++next[w];
      key.advance(w);
      if (pos == text.size()) {
        result.kind = InterleaveResult::Kind::legal;
        result.deepest = pos;
        result.states = visited.size();
        for (std::size_t k = 1; k < stack.size(); ++k) result.path.push_back(given_[stack[k].advanced]);
        result.path.push_back(given_[w]);
        return result;
      }
      if (!visited.insert(key) || !feasible(pos)) {
        --next[w];
        key.retreat(w);
        continue;
      }
      result.deepest = std::max(result.deepest, pos);
      if (visited.size() > max_states) {
        result.kind = InterleaveResult::Kind::undecided;
        result.states = visited.size();
        return result;
      }
      stack.push_back({static_cast<std::uint32_t>(w), none, true, static_cast<std::uint32_t>(pos)});
      pushed = true;
      break;
    }
    if (pushed) continue;
    std::size_t w = stack.back().advanced;
    stack.pop_back();
    if (w < workers) {
      --next[w];
      key.retreat(w);
    }
  }
  result.kind = InterleaveResult::Kind::illegal;
  result.states = visited.size();
  return result;
}

InterleaveResult InterleaveSearch::run(std::string_view text, std::size_t max_states) const {
  std::size_t histogram[256] = {};
  for (unsigned char c : text) ++histogram[c];
  if (text.size() != total_ || !std::equal(std::begin(histogram), std::end(histogram), std::begin(histogram_))) {
    InterleaveResult result;
    result.kind = InterleaveResult::Kind::illegal;
    return result;
  }
  if (text.size() >= UINT32_MAX) {  // positions are kept in 32 bits; the output cap is far below
    InterleaveResult result;
    result.kind = InterleaveResult::Kind::undecided;
    return result;
  }
  return search(text, max_states);
}

}  // namespace exengine
