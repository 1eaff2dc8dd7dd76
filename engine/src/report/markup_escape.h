// MarkupEscape: untrusted text (student names, program output, messages) made safe inside XML and
// HTML, in element content and in double- or single-quoted attribute values.
//
// Contract: & < > " ' become entities; control characters other than TAB, LF and CR, the
// non-characters U+FFFE/U+FFFF, and bytes that are not valid UTF-8 become the visible text `\xNN`
// (XML 1.0 forbids them; a terminal escape must never reach the page raw). The result is valid
// UTF-8. Pure; safe from any thread.
#pragma once

#include <string>
#include <string_view>

namespace exengine {

std::string escape_markup(std::string_view text);

}  // namespace exengine
