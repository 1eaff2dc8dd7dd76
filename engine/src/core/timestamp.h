// Timestamps for due dates and submission times: seconds since the Unix epoch (UTC), read from RFC
// 3339 text ("2026-03-14T23:59:00Z", "2026-03-14 23:59:00+01:00") and written back as UTC.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace exengine {

// Days since 1970-01-01 of a proleptic Gregorian date (no range check beyond the arithmetic).
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day);

// `YYYY-MM-DD[T ]HH:MM[:SS[.fraction]](Z|±HH:MM)`: the offset is required (a time without one
// names no instant). nullopt for anything else, including an impossible date (2026-02-30).
std::optional<std::int64_t> parse_timestamp(std::string_view text);

// "2026-03-14T22:59:00Z".
std::string format_timestamp(std::int64_t seconds);

}  // namespace exengine
