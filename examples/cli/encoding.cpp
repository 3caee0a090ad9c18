// Text encodings of data files (formats.hpp): UTF-8 is checked and kept, anything else is transcoded to UTF-8 by
// iconv (the C library's, or GNU libiconv). Every error locates the first byte that cannot be read: the line and
// column (counted in characters, as the CSV reader counts them) and the byte offset, the bytes shown in hex.
#include "formats.hpp"

#include "cli.hpp"

#include <csat/core/error.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>

#if defined(CSAT_CLI_HAVE_ICONV)
#include <iconv.h>
#endif

namespace csat_cli {

namespace {

/// Where a text stops being valid in some encoding.
struct bad_bytes {
  std::size_t offset = std::string::npos;  ///< offset of the first byte of the invalid sequence (npos: all valid)
  std::size_t shown = 1;                   ///< bytes from offset to show (through the byte that made it invalid)
  bool truncated = false;                  ///< the input ends inside a character
  std::size_t line = 0, column = 0;        ///< location of offset in the text (1-based)
  bool found() const { return offset != std::string::npos; }
};

bool has_utf8_bom(const std::string& s) {
  return s.size() >= 3 && static_cast<unsigned char>(s[0]) == 0xEF && static_cast<unsigned char>(s[1]) == 0xBB &&
         static_cast<unsigned char>(s[2]) == 0xBF;
}

/// The first invalid UTF-8 sequence in s from `from` on (overlong forms, surrogates and code points above U+10FFFF
/// are invalid). ASCII is checked 16 bytes at a time.
bad_bytes find_invalid_utf8(const std::string& s, std::size_t from) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  constexpr std::uint64_t high = 0x8080808080808080ULL;
  std::size_t i = from;
  bad_bytes bad;
  while (i < n) {
    while (i + 16 <= n) {
      std::uint64_t a, b;
      std::memcpy(&a, p + i, 8);
      std::memcpy(&b, p + i + 8, 8);
      if ((a | b) & high) break;
      i += 16;
    }
    if (i >= n) break;
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // the range of the second byte
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c == 0xE0) { len = 3; lo = 0xA0; }
    else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) len = 3;
    else if (c == 0xED) { len = 3; hi = 0x9F; }
    else if (c == 0xF0) { len = 4; lo = 0x90; }
    else if (c >= 0xF1 && c <= 0xF3) len = 4;
    else if (c == 0xF4) { len = 4; hi = 0x8F; }
    bad.offset = i;
    if (len == 0) return bad;  // a continuation byte, C0, C1 or F5..FF where a character starts
    for (std::size_t k = 1; k < len; ++k) {
      if (i + k >= n) {
        bad.shown = k;
        bad.truncated = true;
        return bad;
      }
      const unsigned char t = p[i + k];
      if (k == 1 ? (t < lo || t > hi) : (t & 0xC0) != 0x80) {
        bad.shown = k + 1;
        return bad;
      }
    }
    i += len;
  }
  bad.offset = std::string::npos;
  return bad;
}

/// Line and column (1-based; columns count characters, a leading BOM not counted) of the end of valid UTF-8 `text`.
void locate_end(const std::string& text, bad_bytes& bad) {
  const std::size_t begin = has_utf8_bom(text) ? 3 : 0;
  std::size_t line = 1, line_start = begin;
  for (const char* q = text.data() + begin, *e = text.data() + text.size();
       (q = static_cast<const char*>(std::memchr(q, '\n', static_cast<std::size_t>(e - q)))) != nullptr; ++q) {
    ++line;
    line_start = static_cast<std::size_t>(q - text.data()) + 1;
  }
  std::size_t column = 1;
  for (std::size_t i = std::max(line_start, begin); i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  bad.line = line;
  bad.column = column;
}

std::string hex(const std::string& s, std::size_t offset, std::size_t count) {
  std::string out;
  char buf[8];
  for (std::size_t k = 0; k < count && offset + k < s.size(); ++k) {
    std::snprintf(buf, sizeof buf, "0x%02X", static_cast<unsigned char>(s[offset + k]));
    if (!out.empty()) out += ' ';
    out += buf;
  }
  return out;
}

/// "byte 0x80 at offset 12, line 2 column 5" (or "bytes 0xE5 0x2C ..."; "at the end of the file" when cut short).
std::string describe(const std::string& bytes, const bad_bytes& bad) {
  std::string s = (bad.shown == 1 ? "byte " : "bytes ") + hex(bytes, bad.offset, bad.shown) + " at offset " +
                  std::to_string(bad.offset) + ", line " + std::to_string(bad.line) + " column " +
                  std::to_string(bad.column);
  if (bad.truncated) s += ", the file ends inside a character";
  return s;
}

/// The name without case, '-' and '_' (UTF-8, utf8 and utf_8 name the same encoding).
std::string canonical(const std::string& s) {
  std::string out;
  for (unsigned char c : s)
    if (c != '-' && c != '_') out += static_cast<char>(std::toupper(c));
  return out;
}

[[noreturn]] void throw_at(const std::string& source, const std::string& bytes, const bad_bytes& bad,
                           const std::string& message) {
  throw csat::parse_error(source, bad.line, bad.column, hex(bytes, bad.offset, bad.shown), message);
}

/// Checks that `bytes` (from `from` on) is UTF-8, locating the first invalid byte.
bad_bytes check_utf8(const std::string& bytes, std::size_t from) {
  bad_bytes bad = find_invalid_utf8(bytes, from);
  if (bad.found()) locate_end(bytes.substr(0, bad.offset), bad);
  return bad;
}

#if defined(CSAT_CLI_HAVE_ICONV)

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

/// An iconv conversion descriptor to UTF-8, closed when it goes out of scope.
class converter {
public:
  explicit converter(const std::string& from) : m_cd(iconv_open("UTF-8", from.c_str())), m_unit(unit_of(from)) {
    if (m_cd == reinterpret_cast<iconv_t>(-1)) {
      if (errno == EINVAL)
        throw input_error("unknown encoding " + printable(from) +
                          " (--encoding takes auto or a name iconv knows, such as GB18030, GBK, UTF-16LE, CP1252; "
                          "`iconv -l` lists them)");
      throw input_error("cannot convert from the encoding " + printable(from) + ": " + std::strerror(errno));
    }
  }
  ~converter() {
    if (m_cd != reinterpret_cast<iconv_t>(-1)) iconv_close(m_cd);
  }
  converter(const converter&) = delete;
  converter& operator=(const converter&) = delete;

  /// Converts bytes[from..] into `out` (UTF-8); on an invalid or incomplete sequence `out` holds the text before
  /// it and the result locates it.
  bad_bytes convert(const std::string& bytes, std::size_t from, std::string& out) {
    bad_bytes bad;
    const std::size_t in_size = bytes.size() - from;
    out.resize(in_size + in_size / 2 + 16);  // enough for 2-byte characters becoming 3 bytes
    char* in = const_cast<char*>(bytes.data()) + from;
    std::size_t in_left = in_size;
    std::size_t produced = 0;
    for (;;) {
      char* o = &out[0] + produced;
      std::size_t out_left = out.size() - produced;
      const std::size_t r = iconv(m_cd, in_left > 0 ? &in : nullptr, in_left > 0 ? &in_left : nullptr, &o, &out_left);
      const int error = errno;
      produced = static_cast<std::size_t>(o - out.data());
      if (r != static_cast<std::size_t>(-1)) {
        if (in_left > 0) continue;
        // flush any pending state
        o = &out[0] + produced;
        out_left = out.size() - produced;
        if (iconv(m_cd, nullptr, nullptr, &o, &out_left) == static_cast<std::size_t>(-1) && errno == E2BIG) {
          out.resize(out.size() + 16);
          continue;
        }
        produced = static_cast<std::size_t>(o - out.data());
        break;
      }
      if (error == E2BIG) {
        out.resize(out.size() + out.size() / 2 + 64);
        continue;
      }
      bad.offset = static_cast<std::size_t>(in - bytes.data());
      bad.truncated = error == EINVAL;  // else EILSEQ
      bad.shown = std::min(m_unit, bytes.size() - bad.offset);
      out.resize(produced);
      locate_end(out, bad);
      return bad;
    }
    out.resize(produced);
    return bad;
  }

private:
  /// Bytes per code unit: an error shows one unit.
  static std::size_t unit_of(const std::string& encoding) {
    const std::string c = canonical(encoding);
    const auto has = [&](const char* s) { return c.find(s) != std::string::npos; };
    if (has("UTF32") || has("UCS4")) return 4;
    if (has("UTF16") || has("UCS2") || c.rfind("UNICODE", 0) == 0) return 2;
    return 1;
  }

  iconv_t m_cd;
  std::size_t m_unit;
};

/// bytes[from..] converted from `encoding`; throws the located parse_error when the bytes are not valid in it.
std::string transcode(const std::string& bytes, std::size_t from, const std::string& encoding,
                      const std::string& source, const std::string& what) {
  converter cv(encoding);
  std::string out;
  const bad_bytes bad = cv.convert(bytes, from, out);
  if (bad.found()) throw_at(source, bytes, bad, "not valid " + what + ": " + describe(bytes, bad));
  return out;
}

#endif

}  // namespace

bool have_transcoding() {
#if defined(CSAT_CLI_HAVE_ICONV)
  return true;
#else
  return false;
#endif
}

std::string to_utf8(std::string bytes, const std::string& encoding, const std::string& source, data_read_info& info) {
  const std::string name = canonical(encoding);
  if (name == "UTF8") {
    const bad_bytes bad = check_utf8(bytes, has_utf8_bom(bytes) ? 3 : 0);
    if (bad.found()) throw_at(source, bytes, bad, "not valid UTF-8: " + describe(bytes, bad));
    info.encoding = "UTF-8";
    return bytes;
  }
  if (name != "AUTO") {
#if defined(CSAT_CLI_HAVE_ICONV)
    std::string text = transcode(bytes, 0, encoding, source, upper(printable(encoding)));
    info.encoding = upper(encoding);
    return text;
#else
    throw input_error(source + ": this build of csat cannot transcode from " + printable(encoding) +
                      " (it was built without iconv); convert the file to UTF-8 first, e.g. iconv -f " +
                      printable(encoding) + " -t UTF-8");
#endif
  }

  // auto: a UTF-8 byte-order mark declares UTF-8.
  if (has_utf8_bom(bytes)) {
    const bad_bytes bad = check_utf8(bytes, 3);
    if (bad.found())
      throw_at(source, bytes, bad,
               "not valid UTF-8 although the file starts with a UTF-8 byte-order mark: " + describe(bytes, bad) +
                   "; give --encoding NAME to read another encoding");
    info.encoding = "UTF-8";
    return bytes;
  }

  // a UTF-16 byte-order mark (Excel's "Unicode text"), or UTF-32's
  const bool le = bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFF &&
                  static_cast<unsigned char>(bytes[1]) == 0xFE;
  const bool be = bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFE &&
                  static_cast<unsigned char>(bytes[1]) == 0xFF;
  if (le || be) {
    // FF FE 00 00 is the mark of UTF-32LE (a UTF-16 text does not start with U+0000)
    const bool le32 = le && bytes.size() >= 4 && bytes[2] == '\0' && bytes[3] == '\0';
    const std::string wide = le32 ? "UTF-32LE" : le ? "UTF-16LE" : "UTF-16BE";
#if defined(CSAT_CLI_HAVE_ICONV)
    std::string text = transcode(bytes, le32 ? 4 : 2, wide, source,
                                 wide + " (the file starts with its byte-order mark; lines and columns count "
                                         "characters)");
    info.encoding = wide;
    return text;
#else
    throw csat::parse_error(source, 1, 1, hex(bytes, 0, le32 ? 4 : 2),
                            wide + " text (byte-order mark " + hex(bytes, 0, le32 ? 4 : 2) +
                                " at offset 0), and this build of csat cannot transcode (it was built without "
                                "iconv); save the file as CSV UTF-8 or convert it, e.g. iconv -f UTF-16 -t UTF-8");
#endif
  }

  const bad_bytes bad_utf8 = check_utf8(bytes, 0);
  if (!bad_utf8.found()) {
    info.encoding = "UTF-8";
    return bytes;
  }

#if defined(CSAT_CLI_HAVE_ICONV)
  converter cv("GB18030");
  std::string text;
  const bad_bytes bad_gb = cv.convert(bytes, 0, text);
  if (!bad_gb.found()) {
    info.encoding = "GB18030";
    info.notes.push_back(std::string("not UTF-8 (") + (bad_utf8.shown == 1 ? "byte " : "bytes ") +
                         hex(bytes, bad_utf8.offset, bad_utf8.shown) + " at offset " +
                         std::to_string(bad_utf8.offset) +
                         "), read as GB18030, which covers GBK and GB2312; --encoding NAME reads another encoding");
    return text;
  }
  // The encoding that read further is the likelier one: locate its invalid byte.
  throw_at(source, bytes, bad_gb.offset > bad_utf8.offset ? bad_gb : bad_utf8,
           "not valid UTF-8 (" + describe(bytes, bad_utf8) + ") nor GB18030 (" + describe(bytes, bad_gb) +
               "); give --encoding NAME for another encoding");
#else
  throw_at(source, bytes, bad_utf8,
           "not valid UTF-8 (" + describe(bytes, bad_utf8) +
               "), and this build of csat cannot transcode other encodings (it was built without iconv); save "
               "the file as CSV UTF-8 or convert it, e.g. iconv -f GB18030 -t UTF-8");
#endif
}

std::vector<std::pair<std::string, bool>> optional_formats() {
  std::vector<std::pair<std::string, bool>> out;
  out.emplace_back("text in GB18030/GBK, UTF-16 and other encodings (iconv)", have_transcoding());
#if defined(CSAT_CLI_HAVE_XLSX)
  out.emplace_back(".xlsx (libzip, expat)", true);
#else
  out.emplace_back(".xlsx (libzip-dev, libexpat1-dev)", false);
#endif
#if defined(CSAT_CLI_HAVE_READSTAT)
  out.emplace_back(".sav .zsav .por .dta (ReadStat)", true);
#else
  out.emplace_back(".sav .zsav .por .dta (libreadstat-dev)", false);
#endif
  return out;
}

}  // namespace csat_cli
