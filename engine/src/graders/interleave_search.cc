#include "graders/interleave_search.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <unordered_set>

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
    for (const auto& write : worker) {
      total_ += write.size();
      for (unsigned char c : write) ++histogram_[c];
    }
  }
}

namespace {

// State keys: a packed integer when every worker's index fits in 64 bits, else bytes.
struct PackedKey {
  std::uint64_t value = 0;
  std::vector<unsigned> shift;
  explicit PackedKey(const std::vector<unsigned>& bits) {
    unsigned at = 0;
    for (unsigned b : bits) shift.push_back(at), at += b;
  }
  void advance(std::size_t w) { value += std::uint64_t{1} << shift[w]; }
  void retreat(std::size_t w) { value -= std::uint64_t{1} << shift[w]; }
  std::uint64_t get() const { return value; }
};

struct ByteKey {
  std::string value;
  explicit ByteKey(const std::vector<unsigned>& bits) : value(bits.size() * 4, '\0') {}
  void add(std::size_t w, int delta) {
    std::uint32_t v;
    std::memcpy(&v, value.data() + 4 * w, 4);
    v += delta;
    std::memcpy(value.data() + 4 * w, &v, 4);
  }
  void advance(std::size_t w) { add(w, 1); }
  void retreat(std::size_t w) { add(w, -1); }
  const std::string& get() const { return value; }
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

template <class Key>
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
    std::size_t by, worker, index, size;
  };
  std::vector<Due> dues;
  for (std::size_t w = 0; w < workers; ++w)
    for (std::size_t i = 0; i < writes_[w].size(); ++i)
      dues.push_back({latest[w][i] + writes_[w][i].size(), w, i, writes_[w][i].size()});
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
  std::unordered_set<std::decay_t<decltype(key.get())>> visited;
  visited.insert(key.get());
  if (!feasible(0)) {
    result.states = 1;
    return result;
  }

  // Workers are tried in order of their next write's latest start (the most urgent first), which
  // finds legal interleavings without backtracking in the common case.
  using Rank = std::pair<std::size_t, std::size_t>;  // (latest start of the next write, worker)
  const Rank none{0, 0};
  auto next_candidate = [&](const Rank& after, bool first) {
    Rank best{SIZE_MAX, SIZE_MAX};
    for (std::size_t w = 0; w < workers; ++w) {
      if (next[w] == writes_[w].size()) continue;
      Rank r{latest[w][next[w]], w};
      if ((first || after < r) && r < best) best = r;
    }
    return best;
  };
  struct Frame {
    std::size_t advanced;  // the worker whose write led here (workers for the root)
    Rank tried;            // the last worker tried from here
    bool fresh;            // none tried yet
    std::size_t pos;
  };
  std::vector<Frame> stack;
  stack.push_back({workers, none, true, 0});
  while (!stack.empty()) {
    bool pushed = false;
    for (;;) {
      Frame& frame = stack.back();
      Rank r = next_candidate(frame.tried, frame.fresh);
      if (r.second == SIZE_MAX) break;
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
      if (!visited.insert(key.get()).second || !feasible(pos)) {
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
      stack.push_back({w, none, true, pos});
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
  unsigned bits = 0;
  for (unsigned b : bits_) bits += b;
  if (bits <= 64) return search<PackedKey>(text, max_states);
  // A byte key costs 4 bytes per worker plus the set's own overhead: keep the memo in kMemoBytes.
  std::size_t per_state = 4 * writes_.size() + 64;
  return search<ByteKey>(text, std::min(max_states, kMemoBytes / per_state));
}

}  // namespace exengine
