#include "graders/interleave_search.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <unordered_set>

namespace exengine {

InterleaveSearch::InterleaveSearch(const std::vector<std::vector<std::string>>& workers) {
  for (const auto& worker : workers) {
    std::vector<std::string> kept;
    for (const auto& write : worker)
      if (!write.empty()) kept.push_back(write);
    if (!kept.empty()) writes_.push_back(std::move(kept));
  }
  std::sort(writes_.begin(), writes_.end());
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

template <class Key>
InterleaveResult InterleaveSearch::search(std::string_view text, std::size_t max_states) const {
  InterleaveResult result;
  const std::size_t workers = writes_.size();
  if (text.empty()) {
    result.kind = InterleaveResult::Kind::legal;
    return result;
  }
  std::vector<std::size_t> next(workers, 0);
  Key key(bits_);
  std::unordered_set<std::decay_t<decltype(key.get())>> visited;
  visited.insert(key.get());

  struct Frame {
    std::size_t advanced;  // the worker whose write led here (workers for the root)
    std::size_t try_next;  // next worker to try from here
    std::size_t pos;
  };
  std::vector<Frame> stack;
  stack.push_back({workers, 0, 0});
  while (!stack.empty()) {
    bool pushed = false;
    while (stack.back().try_next < workers) {
      Frame& frame = stack.back();
      std::size_t w = frame.try_next++;
      if (next[w] == writes_[w].size()) continue;
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
        return result;
      }
      if (!visited.insert(key.get()).second) {
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
      stack.push_back({w, 0, pos});
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
  return bits <= 64 ? search<PackedKey>(text, max_states) : search<ByteKey>(text, max_states);
}

bool InterleaveSearch::plausible(std::string_view text) const {
  std::size_t histogram[256] = {};
  for (unsigned char c : text) ++histogram[c];
  if (text.size() != total_ || !std::equal(std::begin(histogram), std::end(histogram), std::begin(histogram_)))
    return false;
  for (const auto& worker : writes_) {
    std::size_t at = 0;
    for (const auto& write : worker) {
      std::size_t found = text.find(write, at);
      if (found == std::string_view::npos) return false;
      at = found + write.size();
    }
  }
  return true;
}

}  // namespace exengine
