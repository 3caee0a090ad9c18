#ifndef CSAT_REPORT_SVG_HPP
#define CSAT_REPORT_SVG_HPP

/// \file
/// A small SVG writer: shapes and text with escaping, and text-width estimates (CJK characters count as one
/// em, Latin as about 0.55 em) used to lay out labels without overlaps. Charts are in report/charts.hpp.

#include <csat/core/validate.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace csat {
namespace report {

/// An axis-aligned box (x, y is the top-left corner).
struct box {
  double x = 0, y = 0, width = 0, height = 0;
  bool overlaps(const box& o, double margin = 0) const {
    return x < o.x + o.width + margin && o.x < x + width + margin && y < o.y + o.height + margin &&
           o.y < y + height + margin;
  }
  bool inside(const box& o) const {
    return x >= o.x && y >= o.y && x + width <= o.x + o.width && y + height <= o.y + o.height;
  }
};

/// Estimated rendered width of UTF-8 text at `font_size` pixels (sans-serif).
inline double text_width(const std::string& s, double font_size) {
  double em = 0;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (len >= 3) em += 1.0;  // CJK and other wide characters
    else if (len == 2) em += 0.6;
    else if (c == ' ' || c == '.' || c == ',' || c == ':' || c == 'i' || c == 'l' || c == 'j' || c == '|' || c == '\'')
      em += 0.3;
    else if (c >= 'A' && c <= 'Z') em += 0.68;
    else if (c == 'm' || c == 'w') em += 0.82;
    else em += 0.56;
    i += len;
  }
  return em * font_size;
}

/// Escapes &, <, >, " and ' for SVG text and attributes.
inline std::string xml_escape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

/// Number text for SVG coordinates (at most 2 decimals).
inline std::string coord(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

/// Text anchoring.
enum class anchor { start, middle, end };

/// An SVG document being built.
class svg {
public:
  svg(double width, double height, std::string title = "") : m_width(width), m_height(height) {
    if (!(width > 0 && height > 0)) detail::throw_domain_error("csat::report::svg", "size", width, "must be positive");
    if (!title.empty()) m_body << "<title>" << xml_escape(title) << "</title>\n";
  }

  double width() const { return m_width; }
  double height() const { return m_height; }

  void rect(double x, double y, double w, double h, const std::string& fill, const std::string& stroke = "none",
            double stroke_width = 1, double rx = 0) {
    m_body << "<rect x=\"" << coord(x) << "\" y=\"" << coord(y) << "\" width=\"" << coord(w) << "\" height=\""
           << coord(h) << "\" fill=\"" << fill << "\" stroke=\"" << stroke << "\" stroke-width=\""
           << coord(stroke_width) << "\"";
    if (rx > 0) m_body << " rx=\"" << coord(rx) << "\"";
    m_body << "/>\n";
  }

  void ellipse(double cx, double cy, double rx, double ry, const std::string& fill, const std::string& stroke,
               double stroke_width = 1) {
    m_body << "<ellipse cx=\"" << coord(cx) << "\" cy=\"" << coord(cy) << "\" rx=\"" << coord(rx) << "\" ry=\""
           << coord(ry) << "\" fill=\"" << fill << "\" stroke=\"" << stroke << "\" stroke-width=\""
           << coord(stroke_width) << "\"/>\n";
  }

  void circle(double cx, double cy, double r, const std::string& fill, const std::string& stroke = "none") {
    ellipse(cx, cy, r, r, fill, stroke, 1);
  }

  /// A line; `arrow` adds an arrow head at (x2, y2).
  void line(double x1, double y1, double x2, double y2, const std::string& stroke, double stroke_width = 1,
            bool arrow = false, const std::string& dash = "") {
    if (arrow) m_need_arrow = true;
    m_body << "<line x1=\"" << coord(x1) << "\" y1=\"" << coord(y1) << "\" x2=\"" << coord(x2) << "\" y2=\""
           << coord(y2) << "\" stroke=\"" << stroke << "\" stroke-width=\"" << coord(stroke_width) << "\"";
    if (!dash.empty()) m_body << " stroke-dasharray=\"" << dash << "\"";
    if (arrow) m_body << " marker-end=\"url(#arrow)\"";
    m_body << "/>\n";
  }

  /// Text at (x, y) (baseline). Returns the box it occupies (estimated).
  box text(double x, double y, const std::string& content, double size = 12, anchor a = anchor::start,
           const std::string& fill = "#222", bool bold = false, double rotate = 0) {
    const char* an = a == anchor::start ? "start" : a == anchor::middle ? "middle" : "end";
    m_body << "<text x=\"" << coord(x) << "\" y=\"" << coord(y) << "\" font-size=\"" << coord(size)
           << "\" text-anchor=\"" << an << "\" fill=\"" << fill << "\"";
    if (bold) m_body << " font-weight=\"bold\"";
    if (rotate != 0) m_body << " transform=\"rotate(" << coord(rotate) << " " << coord(x) << " " << coord(y) << ")\"";
    m_body << ">" << xml_escape(content) << "</text>\n";
    const double w = text_width(content, size) * (bold ? 1.08 : 1.0);
    const double left = a == anchor::start ? x : a == anchor::middle ? x - w / 2 : x - w;
    return box{left, y - size * 0.85, w, size * 1.1};
  }

  /// A raw SVG path.
  void path(const std::string& d, const std::string& stroke, double stroke_width = 1,
            const std::string& fill = "none", bool arrow = false) {
    if (arrow) m_need_arrow = true;
    m_body << "<path d=\"" << d << "\" stroke=\"" << stroke << "\" stroke-width=\"" << coord(stroke_width)
           << "\" fill=\"" << fill << "\"";
    if (arrow) m_body << " marker-end=\"url(#arrow)\"";
    m_body << "/>\n";
  }

  /// The document text.
  std::string str() const {
    std::ostringstream os;
    os << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
       << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << coord(m_width) << "\" height=\"" << coord(m_height)
       << "\" viewBox=\"0 0 " << coord(m_width) << " " << coord(m_height) << "\" font-family=\""
       << "'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Source Han Sans SC', 'DejaVu Sans', Arial, sans-serif\">\n";
    if (m_need_arrow)
      os << "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" "
            "markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#444\"/>"
            "</marker></defs>\n";
    os << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n" << m_body.str() << "</svg>\n";
    return os.str();
  }

  /// Writes the document; csat::invalid_argument naming the path if it cannot be written.
  void save(const std::string& path) const {
    std::ofstream out(path, std::ios::binary);
    if (!out) detail::throw_invalid_argument("csat::report::svg::save", "cannot write " + detail::quoted(path));
    out << str();
    if (!out) detail::throw_invalid_argument("csat::report::svg::save", "cannot write " + detail::quoted(path));
  }

private:
  double m_width, m_height;
  std::ostringstream m_body;
  bool m_need_arrow = false;
};

}  // namespace report
}  // namespace csat

#endif
