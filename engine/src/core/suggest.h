// Suggestions for typos: "unknown key 'timout' (did you mean 'timeout'?)": the one edit distance
// and closeness rule for manifest keys, grader names, topics and counters alike.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace exengine {

// Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of two
// neighbouring characters each cost 1. Bytes are compared as they are (no case folding).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, if it is close enough to be a plausible typo: at most 1 edit
// for words of up to 4 characters, 2 up to 9, 3 beyond, and always fewer edits than `word` has
// characters. Ties go to the earlier candidate. Case differences count as edits, except that a
// candidate equal to `word` ignoring ASCII case always matches.
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);

}  // namespace exengine
