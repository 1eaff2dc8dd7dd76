// InterleaveSearch: decides whether a text is a shuffle of several workers' write sequences: each
// worker's writes appear whole and in their own order, different workers' writes interleave in
// any way (the model of threads or processes sharing one stdout).
//
// The search walks states (next write per worker; the output position follows from them) depth
// first, remembering every state it has left, so each is explored once. Workers with identical
// write sequences are interchangeable and explored once per state. Typical torn outputs of ~10
// workers x ~10 lines take a few hundred states; a budget bounds the pathological cases, which then
// come back `undecided`.
//
// Contract: immutable after construction; run() may be called from several threads at once (all
// search state is local to the call).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace exengine {

struct InterleaveResult {
  enum class Kind { legal, illegal, undecided };
  Kind kind = Kind::illegal;
  std::size_t deepest = 0;  // furthest text position a partial interleaving reached
  std::size_t states = 0;   // states explored
};

class InterleaveSearch {
 public:
  static constexpr std::size_t kDefaultMaxStates = 400'000;

  // workers[w]: worker w's writes in order; empty writes are ignored.
  explicit InterleaveSearch(const std::vector<std::vector<std::string>>& workers);

  InterleaveResult run(std::string_view text, std::size_t max_states = kDefaultMaxStates) const;

  // A cheap necessary condition, for when run() is undecided: same bytes in total, and each
  // worker's writes occur in `text` in order without overlapping one another.
  bool plausible(std::string_view text) const;

  std::size_t total_bytes() const { return total_; }

 private:
  template <class Key>
  InterleaveResult search(std::string_view text, std::size_t max_states) const;

  std::vector<std::vector<std::string>> writes_;  // sorted so identical workers are adjacent
  std::vector<bool> same_as_next_;                // writes_[w] == writes_[w + 1]
  std::vector<unsigned> bits_;                    // bits to hold worker w's next-write index
  std::size_t total_ = 0;
  std::size_t histogram_[256] = {};
};

}  // namespace exengine
