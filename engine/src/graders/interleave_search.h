// InterleaveSearch: decides whether a text is a shuffle of several workers' write sequences: each
// worker's writes appear whole and in their own order, different workers' writes interleave in
// any way (the model of threads or processes sharing one stdout).
//
// The search walks states (next write per worker; the output position follows from them) depth
// first, remembering every state it has left, so each is explored once. Workers with identical
// write sequences are interchangeable: a state is a multiset of their positions. A state is cut
// off when it cannot lead to a legal interleaving: some worker's next write can no longer fit
// before the latest place its remaining writes allow, or the writes due by some place add up to
// more bytes than remain before it (this proves, e.g., 8 workers x 3 ticks illegal in one state
// where 16 ticks were printed before the workers' "done" lines). Both cuts are necessary
// conditions, so the answer is exact: `legal` or `illegal`. Only past a budget of states
// (kDefaultMaxStates, and at most kMemoBytes of remembered states) is it `undecided`, which the
// grader reports as internal-error naming the budget, never as a pass.
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
  std::vector<std::size_t> path;  // when legal: the worker (as given) of each write, in text order
};

class InterleaveSearch {
 public:
  // The budget: by default kDefaultMaxStates, or twice the number of writes when that is more (a
  // legal output is found in about one state per write), and never more states than fit in
  // kMemoBytes (8 bytes per 64-bit word of a state, plus 8).
  static constexpr std::size_t kDefaultMaxStates = 400'000;
  static constexpr std::size_t kMemoBytes = 40u << 20;
  static constexpr std::size_t kSweep = 512;            // deadlines checked per state

  // workers[w]: worker w's writes in order; empty writes are ignored (and so is a worker with none:
  // the path never names it).
  explicit InterleaveSearch(const std::vector<std::vector<std::string>>& workers);

  // max_states 0: the default budget (above).
  InterleaveResult run(std::string_view text, std::size_t max_states = 0) const;

  std::size_t total_bytes() const { return total_; }

 private:
  std::vector<std::vector<std::size_t>> latest_starts(std::string_view text) const;
  InterleaveResult search(std::string_view text, std::size_t max_states) const;

  std::vector<std::vector<std::string>> writes_;  // sorted so identical workers are adjacent
  std::vector<std::size_t> given_;                // writes_[w] is worker given_[w] as given
  std::vector<bool> same_as_next_;                // writes_[w] == writes_[w + 1]
  std::vector<unsigned> bits_;                    // bits to hold worker w's next-write index
  std::size_t total_ = 0;
  std::size_t writes_count_ = 0;
  std::size_t histogram_[256] = {};
};

}  // namespace exengine
