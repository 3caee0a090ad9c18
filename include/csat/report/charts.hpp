#ifndef CSAT_REPORT_CHARTS_HPP
#define CSAT_REPORT_CHARTS_HPP

/// \file
/// The pictures of a satisfaction study, as SVG: the path diagram (also Graphviz DOT), the IPMA
/// (importance–performance) map, indices by segment with intervals, and fuzzy-evaluation grade distributions.
///
/// Every chart returns a `figure`: the SVG text and the boxes of every text label it placed, so callers (and
/// tests) can check that no two labels overlap. Labels are placed greedily among candidate positions and the
/// first free one is taken.

#include <csat/report/svg.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <vector>

namespace csat {
namespace report {

/// An SVG picture and the boxes of the text labels in it.
struct figure {
  std::string svg;
  std::vector<box> labels;
  double width = 0, height = 0;

  /// Indices (i, j) of the first pair of overlapping labels, or (-1, -1).
  std::pair<int, int> first_overlap() const {
    for (std::size_t i = 0; i < labels.size(); ++i)
      for (std::size_t j = i + 1; j < labels.size(); ++j)
        if (labels[i].overlaps(labels[j])) return {static_cast<int>(i), static_cast<int>(j)};
    return {-1, -1};
  }
};

namespace detail {

/// Greedy label placement: keeps the boxes taken so far.
class label_placer {
public:
  explicit label_placer(box canvas) : m_canvas(canvas) {}
  void block(const box& b) { m_blocked.push_back(b); }
  bool free(const box& b) const {
    if (!b.inside(m_canvas)) return false;
    for (const auto& o : m_blocked)
      if (b.overlaps(o, 1.0)) return false;
    return true;
  }
  const std::vector<box>& blocked() const { return m_blocked; }

private:
  box m_canvas;
  std::vector<box> m_blocked;
};

inline std::string fmt(double v, int digits) {
  if (std::isnan(v)) return "–";
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

inline std::string stars(double p) {
  if (std::isnan(p)) return "";
  return p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : "";
}

// Nice axis ticks covering [lo, hi].
inline std::vector<double> ticks(double lo, double hi, int target = 5) {
  std::vector<double> t;
  if (!(hi > lo)) { t.push_back(lo); return t; }
  const double raw = (hi - lo) / target;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  double step = mag;
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (m * mag >= raw) { step = m * mag; break; }
  for (double v = std::ceil(lo / step - 1e-9) * step; v <= hi + 1e-9 * step; v += step) t.push_back(std::abs(v) < 1e-12 ? 0 : v);
  return t;
}

}  // namespace detail

// ---------------------------------------------------------------------------------------------------
// Path diagram

/// A construct in the path diagram.
struct diagram_node {
  std::string name;
  double r2 = std::numeric_limits<double>::quiet_NaN();     ///< shown as "R² = …" when finite
  double index = std::numeric_limits<double>::quiet_NaN();  ///< 0–100 index, shown when finite
};

/// A structural path in the diagram.
struct diagram_edge {
  std::string from, to;
  double estimate = 0;
  double p = std::numeric_limits<double>::quiet_NaN();  ///< p-value: adds significance stars when finite
};

/// Layers of a directed acyclic graph by longest path from the sources (0-based).
inline std::vector<int> diagram_layers(const std::vector<diagram_node>& nodes, const std::vector<diagram_edge>& edges) {
  std::map<std::string, int> id;
  for (std::size_t i = 0; i < nodes.size(); ++i) id[nodes[i].name] = static_cast<int>(i);
  std::vector<int> layer(nodes.size(), 0);
  for (std::size_t pass = 0; pass <= nodes.size(); ++pass) {
    bool changed = false;
    for (const auto& e : edges) {
      const auto a = id.find(e.from), b = id.find(e.to);
      if (a == id.end() || b == id.end()) continue;
      if (layer[b->second] < layer[a->second] + 1) {
        layer[b->second] = layer[a->second] + 1;
        changed = true;
      }
    }
    if (!changed) break;
    if (pass == nodes.size())
      csat::detail::throw_invalid_argument("csat::report::path_diagram", "the structural model has a cycle");
  }
  return layer;
}

/// The path diagram: constructs as ellipses in layers from left to right, paths as arrows labelled with the
/// coefficient (and stars from p). Paths that skip layers are drawn as arcs around the constructs between.
inline figure path_diagram(const std::vector<diagram_node>& nodes, const std::vector<diagram_edge>& edges,
                           const std::string& title = "") {
  std::map<std::string, int> id;
  for (std::size_t i = 0; i < nodes.size(); ++i) id[nodes[i].name] = static_cast<int>(i);
  for (const auto& e : edges)
    for (const auto* n : {&e.from, &e.to})
      if (!id.count(*n))
        csat::detail::throw_invalid_argument("csat::report::path_diagram",
                                             "path " + e.from + " -> " + e.to + " names unknown construct " +
                                                 csat::detail::quoted(*n));
  const std::vector<int> layer = diagram_layers(nodes, edges);
  const int nlayers = nodes.empty() ? 1 : *std::max_element(layer.begin(), layer.end()) + 1;
  std::vector<std::vector<int>> members(static_cast<std::size_t>(nlayers));
  for (std::size_t i = 0; i < nodes.size(); ++i) members[static_cast<std::size_t>(layer[i])].push_back(static_cast<int>(i));

  const double font = 14, small = 11;
  double rx = 60;
  for (const auto& n : nodes) rx = std::max(rx, text_width(n.name, font) / 2 + 18);
  const double ry = 34, gap_x = 90;
  std::size_t maxm = 1;
  for (const auto& m : members) maxm = std::max(maxm, m.size());
  const bool zigzag = maxm == 1 || nlayers > 3;
  const double band = zigzag ? 2.0 * ry + 70 : 0, gap_y = 70;
  const double W = nlayers * (2 * rx + gap_x) + 40;
  // positions relative to a middle line at y = 0; shifted once the arcs' room is known
  std::vector<double> cx(nodes.size()), cy(nodes.size());
  for (int l = 0; l < nlayers; ++l) {
    const auto& m = members[static_cast<std::size_t>(l)];
    const double x = 20 + (2 * rx + gap_x) * l + rx;
    const double span = (static_cast<double>(m.size()) - 1) * (2 * ry + gap_y);
    for (std::size_t k = 0; k < m.size(); ++k) {
      double y = -span / 2 + static_cast<double>(k) * (2 * ry + gap_y);
      if (zigzag && m.size() == 1) y += (l % 2 == 0 ? -band / 2 : band / 2);
      cx[static_cast<std::size_t>(m[k])] = x;
      cy[static_cast<std::size_t>(m[k])] = y;
    }
  }
  // which paths must bend: a straight line that passes within an ellipse (plus a margin) of another construct
  auto blocked = [&](std::size_t a, std::size_t b) {
    for (std::size_t n = 0; n < nodes.size(); ++n) {
      if (n == a || n == b) continue;
      for (int k = 1; k < 40; ++k) {
        const double t = k / 40.0, x = cx[a] + t * (cx[b] - cx[a]), y = cy[a] + t * (cy[b] - cy[a]);
        const double u = (x - cx[n]) / (rx + 12), v = (y - cy[n]) / (ry + 12);
        if (u * u + v * v < 1) return true;
      }
    }
    return false;
  };
  std::vector<int> arc(edges.size(), 0);  // 0 straight, -k k-th arc above, +k k-th arc below
  {
    std::vector<std::size_t> order(edges.size());
    for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
    auto span_of = [&](std::size_t k) { return std::abs(layer[static_cast<std::size_t>(id[edges[k].to])] - layer[static_cast<std::size_t>(id[edges[k].from])]); };
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return span_of(a) < span_of(b); });
    int n_up = 0, n_down = 0;
    for (std::size_t k : order) {
      const auto a = static_cast<std::size_t>(id[edges[k].from]), b = static_cast<std::size_t>(id[edges[k].to]);
      if (!blocked(a, b)) continue;
      const bool up = (cy[a] + cy[b]) / 2 < 0 || ((cy[a] + cy[b]) / 2 == 0 && n_up <= n_down);
      arc[k] = up ? -(++n_up) : ++n_down;
    }
    (void)n_down;
  }
  int n_up = 0, n_down = 0;
  for (int a : arc) { n_up = std::max(n_up, -a); n_down = std::max(n_down, a); }
  const double arc_step = 30;
  double ymin = 0, ymax = 0;
  for (std::size_t i = 0; i < nodes.size(); ++i) { ymin = std::min(ymin, cy[i] - ry); ymax = std::max(ymax, cy[i] + ry); }
  const double top = (title.empty() ? 30 : 64) + n_up * arc_step + 16;
  const double H = top + (ymax - ymin) + n_down * arc_step + 60;
  for (auto& y : cy) y += top - ymin;
  svg s(W, H, title.empty() ? "Path diagram" : title);
  figure f;
  f.width = W;
  f.height = H;
  detail::label_placer placer(box{0, 0, W, H});
  if (!title.empty()) f.labels.push_back(s.text(W / 2, 34, title, 18, anchor::middle, "#111", true));
  for (const auto& b : f.labels) placer.block(b);

  // nodes first (their boxes block edge labels)
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    s.ellipse(cx[i], cy[i], rx, ry, "#eef4fb", "#2b5d8a", 1.6);
    placer.block(box{cx[i] - rx, cy[i] - ry, 2 * rx, 2 * ry});
    const bool extra = std::isfinite(nodes[i].r2) || std::isfinite(nodes[i].index);
    f.labels.push_back(s.text(cx[i], cy[i] + (extra ? -3 : 5), nodes[i].name, font, anchor::middle, "#111", true));
    std::string sub;
    if (std::isfinite(nodes[i].r2)) sub += "R² = " + detail::fmt(nodes[i].r2, 3);
    if (std::isfinite(nodes[i].index)) sub += (sub.empty() ? "" : "  ") + std::string("I = ") + detail::fmt(nodes[i].index, 1);
    if (!sub.empty()) f.labels.push_back(s.text(cx[i], cy[i] + 15, sub, small, anchor::middle, "#333"));
  }

  // edges
  std::vector<std::vector<std::pair<double, double>>> curves;
  std::vector<std::string> edge_text;
  const double ymid_top = top, ybottom = H - 40;
  for (std::size_t k = 0; k < edges.size(); ++k) {
    const auto& e = edges[k];
    const auto a = static_cast<std::size_t>(id[e.from]), b = static_cast<std::size_t>(id[e.to]);
    const double dx = cx[b] - cx[a], dy = cy[b] - cy[a];
    auto boundary = [&](std::size_t n, double ux, double uy) {  // point on ellipse n in direction (ux, uy)
      const double t = 1.0 / std::sqrt((ux * ux) / (rx * rx) + (uy * uy) / (ry * ry));
      return std::make_pair(cx[n] + ux * t, cy[n] + uy * t);
    };
    std::vector<std::pair<double, double>> pts;
    if (arc[k] == 0) {
      const double len = std::sqrt(dx * dx + dy * dy);
      const auto p0 = boundary(a, dx / len, dy / len), p1 = boundary(b, -dx / len, -dy / len);
      s.line(p0.first, p0.second, p1.first, p1.second, "#444", 1.4, true);
      for (int q = 0; q <= 10; ++q) {
        const double t = q / 10.0;
        pts.emplace_back(p0.first + t * (p1.first - p0.first), p0.second + t * (p1.second - p0.second));
      }
    } else {
      // a cubic arc through a level above (or below) every construct, one level per arc
      const bool up = arc[k] < 0;
      const double level = up ? ymid_top - ry - 8 - (-arc[k] - 1) * arc_step - 12 : ybottom - (n_down - arc[k]) * arc_step;
      const double lvl = up ? std::min(level, std::min(cy[a], cy[b]) - ry - 14) : std::max(level, std::max(cy[a], cy[b]) + ry + 14);
      const double sx = dx > 0 ? 1 : -1;
      const auto p0 = boundary(a, 0.35 * sx, up ? -0.94 : 0.94), p1 = boundary(b, -0.35 * sx, up ? -0.94 : 0.94);
      const double c0x = p0.first + sx * 30, c1x = p1.first - sx * 30;
      const double c0y = lvl + (up ? -1 : 1) * (std::abs(lvl - p0.second) / 3.0);
      const double c1y = lvl + (up ? -1 : 1) * (std::abs(lvl - p1.second) / 3.0);
      s.path("M " + coord(p0.first) + " " + coord(p0.second) + " C " + coord(c0x) + " " + coord(c0y) + " " +
                 coord(c1x) + " " + coord(c1y) + " " + coord(p1.first) + " " + coord(p1.second),
             "#444", 1.4, "none", true);
      for (int q = 0; q <= 10; ++q) {
        const double t = q / 10.0, u = 1 - t;
        pts.emplace_back(u * u * u * p0.first + 3 * u * u * t * c0x + 3 * u * t * t * c1x + t * t * t * p1.first,
                         u * u * u * p0.second + 3 * u * u * t * c0y + 3 * u * t * t * c1y + t * t * t * p1.second);
      }
    }
    curves.push_back(pts);
    edge_text.push_back(detail::fmt(e.estimate, 3) + detail::stars(e.p));
  }
  // labels of edges, after all edges are known: try positions along each edge
  for (std::size_t k = 0; k < curves.size(); ++k) {
    const double w = text_width(edge_text[k], 12) + 8, h = 17;
    bool placed = false;
    for (int t : {5, 4, 6, 3, 7, 2, 8}) {
      const auto& p = curves[k][static_cast<std::size_t>(t)];
      for (double off : {0.0, -14.0, 14.0}) {
        const box b{p.first - w / 2, p.second - h / 2 + off, w, h};
        if (placer.free(b)) {
          s.rect(b.x, b.y, b.width, b.height, "white", "#bbb", 0.6, 3);
          f.labels.push_back(s.text(p.first, b.y + 13, edge_text[k], 12, anchor::middle, "#a0301f", true));
          f.labels.back() = b;
          placer.block(b);
          placed = true;
          break;
        }
      }
      if (placed) break;
    }
    if (!placed) {  // fall back to a free spot near the middle, scanning outwards
      const auto& p = curves[k][5];
      for (double off = 18; off < H && !placed; off += 9)
        for (double sgn : {-1.0, 1.0}) {
          const box b{p.first - w / 2, p.second - h / 2 + sgn * off, w, h};
          if (placer.free(b)) {
            s.rect(b.x, b.y, b.width, b.height, "white", "#bbb", 0.6, 3);
            s.text(p.first, b.y + 13, edge_text[k], 12, anchor::middle, "#a0301f", true);
            f.labels.push_back(b);
            placer.block(b);
            placed = true;
            break;
          }
        }
    }
  }
  f.labels.push_back(s.text(20, H - 18, "* p < .05   ** p < .01   *** p < .001", 11, anchor::start, "#555"));
  f.svg = s.str();
  return f;
}

/// The same diagram in Graphviz DOT (render with `dot -Tsvg`).
inline std::string path_diagram_dot(const std::vector<diagram_node>& nodes, const std::vector<diagram_edge>& edges) {
  auto esc = [](const std::string& s) {
    std::string o;
    for (char c : s) {
      if (c == '"' || c == '\\') o += '\\';
      o += c;
    }
    return o;
  };
  std::string out = "digraph csat {\n  rankdir=LR;\n  node [shape=ellipse, style=filled, fillcolor=\"#eef4fb\", color=\"#2b5d8a\", fontname=\"sans-serif\"];\n";
  for (const auto& n : nodes) {
    std::string label = esc(n.name);
    if (std::isfinite(n.r2)) label += "\\nR² = " + detail::fmt(n.r2, 3);
    if (std::isfinite(n.index)) label += "\\nI = " + detail::fmt(n.index, 1);
    out += "  \"" + esc(n.name) + "\" [label=\"" + label + "\"];\n";
  }
  for (const auto& e : edges)
    out += "  \"" + esc(e.from) + "\" -> \"" + esc(e.to) + "\" [label=\"" + detail::fmt(e.estimate, 3) +
           detail::stars(e.p) + "\"];\n";
  out += "}\n";
  return out;
}

// ---------------------------------------------------------------------------------------------------
// IPMA map

/// A point of the importance–performance map.
struct ipma_point {
  std::string name;
  double importance = 0;   ///< total effect on the target (unstandardized, rescaled scores)
  double performance = 0;  ///< mean 0–100 score
};

/// The importance–performance map: points, quadrant lines at the mean importance and mean performance, quadrant
/// names ("Concentrate here" = high importance, low performance).
inline figure ipma_map(const std::vector<ipma_point>& points, const std::string& title = "Importance-performance map",
                       const std::string& target = "") {
  if (points.empty()) csat::detail::throw_invalid_argument("csat::report::ipma_map", "no points to draw");
  double imin = 0, imax = 0, pmin = 100, pmax = 0, imean = 0, pmean = 0;
  for (const auto& p : points) {
    if (!std::isfinite(p.importance) || !std::isfinite(p.performance))
      csat::detail::throw_domain_error("csat::report::ipma_map", "importance or performance of " + p.name,
                                       std::isfinite(p.importance) ? p.performance : p.importance, "must be finite");
    imin = std::min(imin, p.importance);
    imax = std::max(imax, p.importance);
    pmin = std::min(pmin, p.performance);
    pmax = std::max(pmax, p.performance);
    imean += p.importance;
    pmean += p.performance;
  }
  imean /= static_cast<double>(points.size());
  pmean /= static_cast<double>(points.size());
  const double ipad = std::max(0.05, (imax - imin) * 0.12);
  imax += ipad;
  if (imin < 0) imin -= ipad;
  pmin = std::max(0.0, std::floor((pmin - 5) / 5) * 5);
  pmax = std::min(100.0, std::ceil((pmax + 5) / 5) * 5);
  if (pmax <= pmin) pmax = pmin + 10;

  const double W = 760, H = 560, L = 80, R = 30, T = 70, B = 70;
  const double pw = W - L - R, ph = H - T - B;
  auto X = [&](double v) { return L + (v - imin) / (imax - imin) * pw; };
  auto Y = [&](double v) { return T + (1 - (v - pmin) / (pmax - pmin)) * ph; };
  svg s(W, H, title);
  figure f;
  f.width = W;
  f.height = H;
  detail::label_placer placer(box{L, T, pw, ph});
  f.labels.push_back(s.text(W / 2, 32, title + (target.empty() ? "" : " — target: " + target), 17, anchor::middle, "#111", true));
  s.rect(L, T, pw, ph, "#fcfcfc", "#888", 1);
  // quadrant tint: concentrate here
  s.rect(X(imean), Y(pmean), L + pw - X(imean), T + ph - Y(pmean), "#fbeaea", "none");
  for (double v : detail::ticks(imin, imax)) {
    s.line(X(v), T + ph, X(v), T + ph + 5, "#666");
    f.labels.push_back(s.text(X(v), T + ph + 20, detail::fmt(v, 2), 11, anchor::middle, "#444"));
  }
  for (double v : detail::ticks(pmin, pmax)) {
    s.line(L - 5, Y(v), L, Y(v), "#666");
    f.labels.push_back(s.text(L - 9, Y(v) + 4, detail::fmt(v, 0), 11, anchor::end, "#444"));
  }
  f.labels.push_back(s.text(L + pw / 2, H - 20, "Importance (total effect)", 13, anchor::middle, "#222"));
  s.text(22, T + ph / 2, "Performance (0–100)", 13, anchor::middle, "#222", false, -90);
  f.labels.push_back(box{22 - 8, T + ph / 2 - 70, 16, 140});
  s.line(X(imean), T, X(imean), T + ph, "#999", 1, false, "5,4");
  s.line(L, Y(pmean), L + pw, Y(pmean), "#999", 1, false, "5,4");
  // quadrant names in the corners
  const std::string qn[4] = {"Possible overkill", "Keep up the good work", "Low priority", "Concentrate here"};
  const box q[4] = {
      s.text(L + 8, T + 18, qn[0], 12, anchor::start, "#777"), s.text(L + pw - 8, T + 18, qn[1], 12, anchor::end, "#777"),
      s.text(L + 8, T + ph - 10, qn[2], 12, anchor::start, "#777"),
      s.text(L + pw - 8, T + ph - 10, qn[3], 12, anchor::end, "#b03030", true)};
  for (const auto& b : q) { f.labels.push_back(b); placer.block(b); }
  // points
  for (const auto& p : points) {
    s.circle(X(p.importance), Y(p.performance), 5, "#2b5d8a", "white");
    placer.block(box{X(p.importance) - 5, Y(p.performance) - 5, 10, 10});
  }
  // labels
  std::vector<std::size_t> order(points.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return points[a].importance > points[b].importance; });
  for (std::size_t i : order) {
    const double x = X(points[i].importance), y = Y(points[i].performance);
    const double w = text_width(points[i].name, 12), h = 14;
    bool placed = false;
    for (double r : {9.0, 18.0, 30.0, 44.0, 60.0}) {
      const std::pair<double, double> cand[8] = {{x + r, y - h / 2}, {x - r - w, y - h / 2}, {x - w / 2, y - r - h},
                                                 {x - w / 2, y + r},  {x + r, y - r - h},    {x - r - w, y - r - h},
                                                 {x + r, y + r},      {x - r - w, y + r}};
      for (const auto& c : cand) {
        const box b{c.first, c.second, w, h};
        if (placer.free(b)) {
          s.text(b.x, b.y + 11, points[i].name, 12, anchor::start, "#111");
          if (r > 20) s.line(x, y, b.x + (b.x > x ? 0 : w), b.y + h / 2, "#aaa", 0.7);
          f.labels.push_back(b);
          placer.block(b);
          placed = true;
          break;
        }
      }
      if (placed) break;
    }
    if (!placed) {
      // listed in the legend instead of drawn on top of another label
      f.labels.push_back(s.text(L, H - 4 - 0.0, "(label omitted for crowding: " + points[i].name + ")", 9, anchor::start, "#999"));
    }
  }
  f.svg = s.str();
  return f;
}

// ---------------------------------------------------------------------------------------------------
// Intervals by segment

/// One estimate with its interval, e.g. a construct's index in one segment.
struct interval_row {
  std::string label;  ///< row label, e.g. the construct
  std::string group;  ///< series, e.g. the segment ("" for one series)
  double estimate = 0, lower = std::numeric_limits<double>::quiet_NaN(), upper = std::numeric_limits<double>::quiet_NaN();
};

/// Dot-and-whisker chart: one block per label, one line per group, x axis from `lo` to `hi`
/// (NaN: from the data).
inline figure interval_chart(const std::vector<interval_row>& rows, const std::string& title,
                             const std::string& axis = "Index (0–100)",
                             double lo = std::numeric_limits<double>::quiet_NaN(),
                             double hi = std::numeric_limits<double>::quiet_NaN()) {
  if (rows.empty()) csat::detail::throw_invalid_argument("csat::report::interval_chart", "no rows to draw");
  std::vector<std::string> labels, groups;
  for (const auto& r : rows) {
    if (std::find(labels.begin(), labels.end(), r.label) == labels.end()) labels.push_back(r.label);
    if (std::find(groups.begin(), groups.end(), r.group) == groups.end()) groups.push_back(r.group);
  }
  double dmin = std::numeric_limits<double>::infinity(), dmax = -dmin;
  for (const auto& r : rows)
    for (double v : {r.estimate, r.lower, r.upper})
      if (std::isfinite(v)) { dmin = std::min(dmin, v); dmax = std::max(dmax, v); }
  if (!std::isfinite(lo)) lo = std::floor((dmin - 2) / 5) * 5;
  if (!std::isfinite(hi)) hi = std::ceil((dmax + 2) / 5) * 5;
  if (!(hi > lo)) hi = lo + 1;
  static const char* palette[] = {"#2b5d8a", "#c0504d", "#9bbb59", "#8064a2", "#f79646", "#4bacc6", "#7f7f7f"};
  double lw = 0, gw = 0;
  for (const auto& l : labels) lw = std::max(lw, text_width(l, 13));
  for (const auto& g : groups) gw = std::max(gw, text_width(g, 11));
  const double row_h = 18, block_gap = 14;
  const double L = lw + gw + 50, R = 40, T = 70, B = 60;
  const double ph = static_cast<double>(labels.size()) * (static_cast<double>(groups.size()) * row_h + block_gap);
  const double W = std::max(640.0, L + 460 + R), H = T + ph + B;
  const double pw = W - L - R;
  auto X = [&](double v) { return L + (std::min(std::max(v, lo), hi) - lo) / (hi - lo) * pw; };
  svg s(W, H, title);
  figure f;
  f.width = W;
  f.height = H;
  f.labels.push_back(s.text(W / 2, 32, title, 17, anchor::middle, "#111", true));
  s.rect(L, T - 6, pw, ph, "#fcfcfc", "#888", 1);
  for (double v : detail::ticks(lo, hi)) {
    s.line(X(v), T - 6, X(v), T - 6 + ph, "#e4e4e4");
    f.labels.push_back(s.text(X(v), T + ph + 12, detail::fmt(v, hi - lo < 5 ? 2 : 0), 11, anchor::middle, "#444"));
  }
  f.labels.push_back(s.text(L + pw / 2, H - 18, axis, 13, anchor::middle, "#222"));
  double y = T;
  for (const auto& l : labels) {
    const double block_h = static_cast<double>(groups.size()) * row_h;
    f.labels.push_back(s.text(10, y + block_h / 2 + 4, l, 13, anchor::start, "#111", true));
    for (std::size_t g = 0; g < groups.size(); ++g) {
      const double yy = y + row_h * (static_cast<double>(g) + 0.5);
      const char* col = palette[g % 7];
      if (!groups[g].empty()) f.labels.push_back(s.text(L - 8, yy + 4, groups[g], 11, anchor::end, col));
      for (const auto& r : rows) {
        if (r.label != l || r.group != groups[g]) continue;
        if (std::isfinite(r.lower) && std::isfinite(r.upper)) {
          s.line(X(r.lower), yy, X(r.upper), yy, col, 1.6);
          s.line(X(r.lower), yy - 4, X(r.lower), yy + 4, col, 1.2);
          s.line(X(r.upper), yy - 4, X(r.upper), yy + 4, col, 1.2);
        }
        s.circle(X(r.estimate), yy, 4, col, "white");
      }
    }
    y += block_h + block_gap;
  }
  f.svg = s.str();
  return f;
}

// ---------------------------------------------------------------------------------------------------
// Grade distributions

/// The membership (or share) of each grade for one evaluated unit.
struct distribution_row {
  std::string name;                 ///< the unit (county, service hall, ...)
  std::vector<double> shares;       ///< one per grade, summing to about 1
  std::string note;                 ///< shown at the right, e.g. "比较满意 · 78.4"
};

/// Stacked horizontal bars of grade memberships, with a legend of the grade names.
inline figure distribution_chart(const std::vector<distribution_row>& rows, const std::vector<std::string>& grades,
                                 const std::string& title) {
  if (rows.empty() || grades.empty())
    csat::detail::throw_invalid_argument("csat::report::distribution_chart", "no rows or no grades to draw");
  for (const auto& r : rows)
    if (r.shares.size() != grades.size())
      csat::detail::throw_invalid_argument("csat::report::distribution_chart",
                                           "row " + csat::detail::quoted(r.name) + " has " + std::to_string(r.shares.size()) +
                                               " shares, but there are " + std::to_string(grades.size()) + " grades");
  static const char* palette[] = {"#1a7a3a", "#7cbf5a", "#e8d85a", "#f0954a", "#c0392b", "#8e44ad", "#555"};
  double nw = 0, notew = 0, legend_w = 0;
  for (const auto& r : rows) { nw = std::max(nw, text_width(r.name, 12)); notew = std::max(notew, text_width(r.note, 11)); }
  for (const auto& g : grades) legend_w += text_width(g, 11) + 34;
  const double row_h = 24, L = nw + 24, barw = 460, R = notew + 30, T = 80;
  const double W = std::max(L + barw + R, legend_w + 40), H = T + static_cast<double>(rows.size()) * row_h + 40;
  svg s(W, H, title);
  figure f;
  f.width = W;
  f.height = H;
  f.labels.push_back(s.text(W / 2, 30, title, 17, anchor::middle, "#111", true));
  double lx = 20;
  for (std::size_t g = 0; g < grades.size(); ++g) {
    s.rect(lx, 46, 14, 14, palette[g % 7]);
    f.labels.push_back(s.text(lx + 19, 58, grades[g], 11, anchor::start, "#222"));
    lx += text_width(grades[g], 11) + 34;
  }
  double y = T;
  for (const auto& r : rows) {
    f.labels.push_back(s.text(L - 8, y + 16, r.name, 12, anchor::end, "#111"));
    double x = L, total = 0;
    for (double v : r.shares) total += std::max(0.0, v);
    for (std::size_t g = 0; g < r.shares.size(); ++g) {
      const double w = total > 0 ? std::max(0.0, r.shares[g]) / total * barw : 0;
      if (w > 0) s.rect(x, y + 3, w, row_h - 6, palette[g % 7]);
      if (w > 34) s.text(x + w / 2, y + 16, detail::fmt(100 * r.shares[g], 0) + "%", 10, anchor::middle, g == 2 ? "#333" : "white");
      x += w;
    }
    if (!r.note.empty()) f.labels.push_back(s.text(L + barw + 10, y + 16, r.note, 11, anchor::start, "#222"));
    y += row_h;
  }
  f.svg = s.str();
  return f;
}

// ---------------------------------------------------------------------------------------------------
// Simple slopes (moderation)

/// One line of a simple-slopes plot: ŷ = intercept + slope·x, drawn for one moderator level.
struct slope_line {
  std::string label;      ///< the level, e.g. "-1 SD"; the legend reads "<moderator> at <label>"
  double moderator = 0;   ///< the moderator value of the line (for the legend order only)
  double intercept = 0;
  double slope = 0;
};

/// Simple-slopes plot (Aiken & West 1991): one straight line per moderator level over x in [x_min, x_max]
/// (standardized scores: −1 to +1 sd, as seminr's slope_analysis), dashed / solid / dotted, with the legend
/// outside the plot area on the right so no label can cover a line. csat::invalid_argument for no lines or
/// x_max <= x_min; csat::domain_error for a non-finite intercept or slope (naming the line).
inline figure simple_slope_plot(const std::vector<slope_line>& lines, const std::string& iv, const std::string& outcome,
                                const std::string& moderator, const std::string& title = "", double x_min = -1,
                                double x_max = 1) {
  const char* fn = "csat::report::simple_slope_plot";
  if (lines.empty()) csat::detail::throw_invalid_argument(fn, "no lines to draw");
  if (!(x_max > x_min) || !std::isfinite(x_min) || !std::isfinite(x_max))
    csat::detail::throw_invalid_argument(fn, "the x range [" + detail::fmt(x_min, 3) + ", " + detail::fmt(x_max, 3) +
                                                 "] is empty or not finite");
  double ymin = std::numeric_limits<double>::infinity(), ymax = -ymin;
  for (const auto& l : lines) {
    if (!std::isfinite(l.intercept) || !std::isfinite(l.slope))
      csat::detail::throw_domain_error(fn, "intercept or slope of line " + csat::detail::quoted(l.label),
                                       std::isfinite(l.intercept) ? l.slope : l.intercept, "must be finite");
    for (double x : {x_min, x_max}) {
      ymin = std::min(ymin, l.intercept + l.slope * x);
      ymax = std::max(ymax, l.intercept + l.slope * x);
    }
  }
  const double pad = std::max(0.05, (ymax - ymin) * 0.1);
  ymin -= pad;
  ymax += pad;
  const std::vector<double> yt = detail::ticks(ymin, ymax), xt = detail::ticks(x_min, x_max, 4);
  ymin = std::min(ymin, yt.front());
  ymax = std::max(ymax, yt.back());
  const std::string heading = title.empty() ? "Simple slopes: " + iv + " → " + outcome + " by " + moderator : title;

  double ytw = 0;
  for (double v : yt) ytw = std::max(ytw, text_width(detail::fmt(v, 2), 11));
  std::vector<std::string> legend;
  double legw = 0;
  for (const auto& l : lines) {
    legend.push_back(moderator + " at " + l.label);
    legw = std::max(legw, text_width(legend.back(), 12));
  }
  const double L = 44 + ytw, T = 64, pw = 440, ph = 340, B = 64, gap = 28, sample = 34;
  double W = L + pw + gap + sample + 8 + legw + 20;
  W = std::max(W, text_width(heading, 16) * 1.08 + 40);
  const double H = T + ph + B;
  auto X = [&](double v) { return L + (v - x_min) / (x_max - x_min) * pw; };
  auto Y = [&](double v) { return T + (1 - (v - ymin) / (ymax - ymin)) * ph; };
  svg s(W, H, heading);
  figure f;
  f.width = W;
  f.height = H;
  f.labels.push_back(s.text(W / 2, 30, heading, 16, anchor::middle, "#111", true));
  s.rect(L, T, pw, ph, "#fcfcfc", "#888", 1);
  for (double v : yt) {
    s.line(L, Y(v), L + pw, Y(v), "#e4e4e4", 0.8);
    s.line(L - 5, Y(v), L, Y(v), "#666");
    f.labels.push_back(s.text(L - 8, Y(v) + 4, detail::fmt(v, 2), 11, anchor::end, "#444"));
  }
  for (double v : xt) {
    s.line(X(v), T, X(v), T + ph, "#e4e4e4", 0.8);
    s.line(X(v), T + ph, X(v), T + ph + 5, "#666");
    f.labels.push_back(s.text(X(v), T + ph + 19, detail::fmt(v, 1), 11, anchor::middle, "#444"));
  }
  f.labels.push_back(s.text(L + pw / 2, H - 18, iv + " (sd units)", 13, anchor::middle, "#222"));
  const double yw = text_width(outcome, 13);
  s.text(20, T + ph / 2, outcome, 13, anchor::middle, "#222", false, -90);
  f.labels.push_back(box{20 - 11, T + ph / 2 - yw / 2, 14, yw});
  // lines in moderator order, legend in the same order
  std::vector<std::size_t> order(lines.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return lines[a].moderator < lines[b].moderator; });
  static const char* palette[] = {"#2b5d8a", "#c0504d", "#4f8a3c", "#8064a2", "#f79646", "#4bacc6", "#7f7f7f"};
  static const char* dashes[] = {"7,4", "", "2,3", "9,3,2,3", "4,4"};
  const double lx = L + pw + gap;
  double ly = T + 14;
  for (std::size_t r = 0; r < order.size(); ++r) {
    const auto& l = lines[order[r]];
    const char* colour = palette[r % 7];
    const std::string dash = dashes[r % 5];
    s.line(X(x_min), Y(l.intercept + l.slope * x_min), X(x_max), Y(l.intercept + l.slope * x_max), colour, 2.2, false, dash);
    s.line(lx, ly - 4, lx + sample, ly - 4, colour, 2.2, false, dash);
    f.labels.push_back(s.text(lx + sample + 8, ly, legend[order[r]], 12, anchor::start, "#111"));
    ly += 22;
  }
  f.svg = s.str();
  return f;
}

}  // namespace report
}  // namespace csat

#endif
