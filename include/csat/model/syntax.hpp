#ifndef CSAT_MODEL_SYNTAX_HPP
#define CSAT_MODEL_SYNTAX_HPP

/// \file
/// The lavaan-style model syntax shared by PLS path modeling and ML SEM.
///
/// A model is a list of statements, one per line (or separated by `;`):
///
///     # comments start with '#' or '!'
///     Satisfaction =~ CUSA1 + CUSA2 + CUSA3      # reflective measurement (Mode A / common factor)
///     Quality      <~ PERQ1 + PERQ2               # composite / formative (Mode B)
///     Satisfaction ~  Image + Expectation + Image:Expectation   # structural paths, interaction term
///     x1 ~~ x5                                   # (co)variance
///     y1 ~ 1                                     # intercept
///     dem60 =~ y1 + a*y2 + 1*y3 + NA*y4 + start(0.8)*y5 + c(b1, b2)*y6
///     ind := a*b                                 # defined parameter
///     a == b ; a > 0                             # constraints
///
/// A statement continues on the next line when its line ends with an operator, `+`, `*`, `,` or inside
/// parentheses, or when the next line starts with `+`. Names are identifiers made of letters (any UTF-8),
/// digits, `_` and `.`, not starting with a digit. Errors are csat::parse_error located at line and column
/// (columns count Unicode code points, 1-based).
///
/// This header only parses; model::specification (PLS) and sem::model (ML SEM) give the statements meaning.

#include <csat/core/error.hpp>

#include <cctype>
#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace csat {
namespace model {

/// The operator of a statement.
enum class op {
  measured_by,  ///< `=~`  reflective measurement (lhs is a latent construct)
  composed_of,  ///< `<~`  formative / composite (Mode B)
  regression,   ///< `~`   lhs regressed on rhs (also `y ~ 1`: an intercept term)
  covariance,   ///< `~~`  variance or covariance
  defined,      ///< `:=`  defined parameter (lhs name, rhs expression)
  equal,        ///< `==`  equality constraint (expressions on both sides)
  less,         ///< `<`   inequality constraint
  greater       ///< `>`   inequality constraint
};

/// The lavaan spelling of an operator ("=~", "<~", "~", "~~", ":=", "==", "<", ">").
inline const char* to_string(op o) {
  switch (o) {
    case op::measured_by: return "=~";
    case op::composed_of: return "<~";
    case op::regression: return "~";
    case op::covariance: return "~~";
    case op::defined: return ":=";
    case op::equal: return "==";
    case op::less: return "<";
    case op::greater: return ">";
  }
  return "?";
}

/// What a premultiplier `m*` says about a term's parameter.
struct modifier {
  std::optional<double> fixed;  ///< `0.5*x`: parameter fixed to this value
  bool free = false;            ///< `NA*x`: parameter freed (e.g. a first loading)
  std::string label;            ///< `a*x`, `label("a")*x`, `equal("a")*x`: a label (equal labels = equality)
  std::optional<double> start;  ///< `start(0.5)*x`: a starting value

  bool empty() const { return !fixed && !free && label.empty() && !start; }
};

/// One right-hand-side term.
struct term {
  std::string name;                    ///< a variable, "1" for an intercept, "A:B" for an interaction
  std::vector<std::string> factors;    ///< {name}, or {A, B} for A:B; empty for an intercept
  modifier mod;                        ///< the modifier (when the same for every group)
  std::vector<modifier> group_mods;    ///< `c(m1, m2, ...)*x`: one modifier per group (else empty)
  std::size_t line = 0, column = 0;    ///< where the term's name starts

  bool intercept() const { return name == "1"; }
  bool interaction() const { return factors.size() > 1; }
};

/// An arithmetic expression (for `:=` and constraints): numbers, names (labels), + - * / ^, unary minus,
/// parentheses.
struct expression {
  enum class kind { number, name, add, subtract, multiply, divide, power, negate };
  kind type = kind::number;
  double value = 0;                 ///< for number
  std::string name;                 ///< for name
  std::vector<expression> args;     ///< operands
  std::size_t line = 0, column = 0;
};

/// Evaluates an expression; `lookup(name)` returns the value of a name as a T. T may be an
/// automatic-differentiation type (only +, -, *, / and pow are used).
template <class T, class Lookup>
T evaluate(const expression& e, Lookup&& lookup) {
  using std::pow;
  switch (e.type) {
    case expression::kind::number: return T(e.value);
    case expression::kind::name: return lookup(e.name);
    case expression::kind::add: return evaluate<T>(e.args[0], lookup) + evaluate<T>(e.args[1], lookup);
    case expression::kind::subtract: return evaluate<T>(e.args[0], lookup) - evaluate<T>(e.args[1], lookup);
    case expression::kind::multiply: return evaluate<T>(e.args[0], lookup) * evaluate<T>(e.args[1], lookup);
    case expression::kind::divide: return evaluate<T>(e.args[0], lookup) / evaluate<T>(e.args[1], lookup);
    case expression::kind::power: return pow(evaluate<T>(e.args[0], lookup), evaluate<T>(e.args[1], lookup));
    case expression::kind::negate: return -evaluate<T>(e.args[0], lookup);
  }
  return T(0);
}

/// Every name an expression refers to, in order of appearance (with repeats).
inline void collect_names(const expression& e, std::vector<std::string>& out) {
  if (e.type == expression::kind::name) out.push_back(e.name);
  for (const auto& a : e.args) collect_names(a, out);
}

/// One statement. `lhs` is a single name (a statement with `y1 + y2 ~ x` is split into one per lhs name).
struct statement {
  std::string lhs;
  op oper = op::regression;
  std::vector<term> rhs;            ///< for =~ <~ ~ ~~
  expression lhs_expr;              ///< for == < > (the left side)
  expression rhs_expr;              ///< for := == < > (the right side)
  std::string rhs_text;             ///< the right side as written (for := and constraints)
  std::size_t line = 0, column = 0; ///< where the statement starts
  std::size_t op_column = 0;        ///< where the operator starts (on line op_line)
  std::size_t op_line = 0;
};

/// A parsed model text.
struct syntax {
  std::string source;               ///< file name or "<model>"
  std::vector<statement> statements;
};


}  // namespace model

namespace detail {

using model::expression;
using model::modifier;
using model::op;
using model::statement;
using model::term;

struct syntax_token {
  enum class kind { name, number, string, oper, plus, minus, star, slash, caret, colon, lparen, rparen, comma, end };
  kind type = kind::end;
  std::string text;
  std::size_t line = 0, column = 0;
  std::size_t offset = 0, end_offset = 0;  // byte range in the source text
};

class syntax_lexer {
public:
  syntax_lexer(const std::string& text, const std::string& source) : m_text(text), m_source(source) {
    if (m_text.size() >= 3 && static_cast<unsigned char>(m_text[0]) == 0xEF &&
        static_cast<unsigned char>(m_text[1]) == 0xBB && static_cast<unsigned char>(m_text[2]) == 0xBF)
      m_pos = 3;
  }

  /// Splits the text into statements (token lists), joining continued lines.
  std::vector<std::vector<syntax_token>> statements() {
    std::vector<std::vector<syntax_token>> out;
    std::vector<syntax_token> cur;
    int depth = 0;
    for (;;) {
      bool newline = false, hard_end = false;
      const syntax_token t = next(newline, hard_end);
      const bool eof = t.type == syntax_token::kind::end && !hard_end;
      if (!cur.empty()) {
        const bool incomplete = depth > 0 || ends_incomplete(cur.back());
        bool close = false;
        if (eof || hard_end) {
          if (incomplete) {
            const syntax_token& last = cur.back();
            throw parse_error(m_source, last.line, last.column, last.text,
                              depth > 0 ? "unclosed parenthesis: the statement ends inside ( )"
                                        : "the statement ends after " + quote(last.text) + " where a term is expected");
          }
          close = true;
        } else if (newline) {
          close = !(incomplete || t.type == syntax_token::kind::plus || t.type == syntax_token::kind::star);
        }
        if (close) {
          out.push_back(std::move(cur));
          cur.clear();
          depth = 0;
        }
      }
      if (eof) break;
      if (hard_end) continue;
      if (t.type == syntax_token::kind::lparen) ++depth;
      if (t.type == syntax_token::kind::rparen) {
        if (depth == 0) throw parse_error(m_source, t.line, t.column, ")", "unmatched closing parenthesis");
        --depth;
      }
      cur.push_back(t);
    }
    return out;
  }

  static std::string quote(const std::string& s) { return "\"" + s + "\""; }

private:
  static bool ends_incomplete(const syntax_token& t) {
    switch (t.type) {
      case syntax_token::kind::oper: case syntax_token::kind::plus: case syntax_token::kind::minus: case syntax_token::kind::star:
      case syntax_token::kind::slash: case syntax_token::kind::caret: case syntax_token::kind::colon: case syntax_token::kind::lparen:
      case syntax_token::kind::comma:
        return true;
      default:
        return false;
    }
  }

  static bool name_start(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == '.' || c >= 0x80;
  }
  static bool name_char(unsigned char c) { return name_start(c) || (c >= '0' && c <= '9'); }

  void step(std::size_t bytes) {
    for (std::size_t k = 0; k < bytes && m_pos < m_text.size(); ++k, ++m_pos)
      if ((static_cast<unsigned char>(m_text[m_pos]) & 0xC0) != 0x80) ++m_col;
  }

  // Next token; sets newline if one or more line breaks were crossed before it, hard_end for ';'.
  syntax_token next(bool& newline, bool& hard_end) {
    newline = false;
    hard_end = false;
    for (;;) {
      if (m_pos >= m_text.size()) {
        syntax_token t;
        t.type = syntax_token::kind::end;
        t.line = m_line;
        t.column = m_col;
        return t;
      }
      const char c = m_text[m_pos];
      if (c == '\n') { ++m_pos; ++m_line; m_col = 1; newline = true; continue; }
      if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') { step(1); continue; }
      if (c == '#' || c == '!') {
        while (m_pos < m_text.size() && m_text[m_pos] != '\n') ++m_pos;
        continue;
      }
      if (c == ';') { step(1); hard_end = true; syntax_token t; t.type = syntax_token::kind::end; t.line = m_line; t.column = m_col; return t; }
      break;
    }
    syntax_token t;
    t.line = m_line;
    t.column = m_col;
    t.offset = m_pos;
    const unsigned char c = static_cast<unsigned char>(m_text[m_pos]);
    auto two = [&](const char* s) { return m_text.compare(m_pos, 2, s) == 0; };
    if (name_start(c) && !(c == '.' && m_pos + 1 < m_text.size() && std::isdigit(static_cast<unsigned char>(m_text[m_pos + 1])))) {
      std::size_t e = m_pos;
      while (e < m_text.size() && name_char(static_cast<unsigned char>(m_text[e]))) ++e;
      t.type = syntax_token::kind::name;
      t.text = m_text.substr(m_pos, e - m_pos);
      step(e - m_pos);
    } else if ((c >= '0' && c <= '9') || c == '.') {
      const char* b = m_text.c_str() + m_pos;
      char* e = nullptr;
      std::strtod(b, &e);
      std::size_t len = static_cast<std::size_t>(e - b);
      if (len == 0) len = 1;
      t.type = syntax_token::kind::number;
      t.text = m_text.substr(m_pos, len);
      step(len);
      if (m_pos < m_text.size() && name_char(static_cast<unsigned char>(m_text[m_pos]))) {
        std::size_t e2 = m_pos;
        while (e2 < m_text.size() && name_char(static_cast<unsigned char>(m_text[e2]))) ++e2;
        const std::string bad = t.text + m_text.substr(m_pos, e2 - m_pos);
        throw parse_error(m_source, t.line, t.column, bad,
                          quote(bad) + " is not a valid name (names must not start with a digit)");
      }
    } else if (c == '"' || c == '\'') {
      std::size_t e = m_pos + 1;
      while (e < m_text.size() && m_text[e] != static_cast<char>(c) && m_text[e] != '\n') ++e;
      if (e >= m_text.size() || m_text[e] != static_cast<char>(c))
        throw parse_error(m_source, t.line, t.column, m_text.substr(m_pos, e - m_pos), "unterminated string");
      t.type = syntax_token::kind::string;
      t.text = m_text.substr(m_pos + 1, e - m_pos - 1);
      step(e + 1 - m_pos);
    } else if (two("=~") || two("<~") || two("~~") || two(":=") || two("==")) {
      t.type = syntax_token::kind::oper;
      t.text = m_text.substr(m_pos, 2);
      step(2);
    } else if (c == '~' || c == '<' || c == '>') {
      t.type = syntax_token::kind::oper;
      t.text = std::string(1, static_cast<char>(c));
      step(1);
    } else {
      syntax_token::kind k = syntax_token::kind::end;
      switch (c) {
        case '+': k = syntax_token::kind::plus; break;
        case '-': k = syntax_token::kind::minus; break;
        case '*': k = syntax_token::kind::star; break;
        case '/': k = syntax_token::kind::slash; break;
        case '^': k = syntax_token::kind::caret; break;
        case ':': k = syntax_token::kind::colon; break;
        case '(': k = syntax_token::kind::lparen; break;
        case ')': k = syntax_token::kind::rparen; break;
        case ',': k = syntax_token::kind::comma; break;
        default: {
          std::size_t len = 1;
          if (c >= 0xC0) len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
          const std::string bad = m_text.substr(m_pos, len);
          throw parse_error(m_source, t.line, t.column, bad, "unexpected character " + quote(bad));
        }
      }
      t.type = k;
      t.text = std::string(1, static_cast<char>(c));
      step(1);
    }
    t.end_offset = m_pos;
    return t;
  }

  const std::string& m_text;
  const std::string& m_source;
  std::size_t m_pos = 0;
  std::size_t m_line = 1;
  std::size_t m_col = 1;
};

class syntax_statement_parser {
public:
  syntax_statement_parser(const std::vector<syntax_token>& toks, const std::string& text, const std::string& source)
      : m_t(toks), m_text(text), m_source(source) {}

  void parse(std::vector<statement>& out) {
    // find the operator
    std::size_t k = 0;
    while (k < m_t.size() && m_t[k].type != syntax_token::kind::oper) ++k;
    const syntax_token& first = m_t.front();
    if (k == m_t.size())
      fail(first, "expected an operator (=~, <~, ~, ~~, :=, ==, <, >) in the statement starting with " +
                      syntax_lexer::quote(first.text));
    const syntax_token& optok = m_t[k];
    if (k == 0) fail(optok, "the statement has no left-hand side before " + syntax_lexer::quote(optok.text));
    if (k + 1 == m_t.size()) fail(optok, "nothing after " + syntax_lexer::quote(optok.text));
    const op o = to_op(optok.text);

    statement base;
    base.oper = o;
    base.line = first.line;
    base.column = first.column;
    base.op_line = optok.line;
    base.op_column = optok.column;
    base.rhs_text = m_text.substr(m_t[k + 1].offset, m_t.back().end_offset - m_t[k + 1].offset);

    if (o == op::equal || o == op::less || o == op::greater) {
      m_pos = 0;
      m_end = k;
      base.lhs_expr = parse_expr();
      expect_end(k);
      m_pos = k + 1;
      m_end = m_t.size();
      base.rhs_expr = parse_expr();
      expect_end(m_t.size());
      base.lhs = m_text.substr(m_t[0].offset, m_t[k - 1].end_offset - m_t[0].offset);
      out.push_back(std::move(base));
      return;
    }

    // left-hand side: name (+ name)*
    std::vector<std::pair<std::string, const syntax_token*>> lhs;
    for (std::size_t i = 0; i < k; ++i) {
      const syntax_token& t = m_t[i];
      if (i % 2 == 0) {
        if (t.type != syntax_token::kind::name)
          fail(t, "expected a name on the left of " + syntax_lexer::quote(optok.text) + ", found " +
                      syntax_lexer::quote(t.text));
        lhs.emplace_back(t.text, &t);
      } else if (t.type != syntax_token::kind::plus) {
        fail(t, "expected '+' or an operator after " + syntax_lexer::quote(m_t[i - 1].text) + ", found " +
                    syntax_lexer::quote(t.text));
      }
    }
    if (k % 2 == 0) fail(m_t[k - 1], "a name is missing before " + syntax_lexer::quote(optok.text));
    if (o == op::defined && lhs.size() != 1)
      fail(*lhs[1].second, "a defined parameter (:=) has exactly one name on the left");

    if (o == op::defined) {
      m_pos = k + 1;
      m_end = m_t.size();
      base.rhs_expr = parse_expr();
      expect_end(m_t.size());
      base.lhs = lhs[0].first;
      out.push_back(std::move(base));
      return;
    }

    // right-hand side: term (+ term)*
    m_pos = k + 1;
    m_end = m_t.size();
    std::vector<term> terms;
    for (;;) {
      terms.push_back(parse_term(optok, o));
      if (m_pos == m_end) break;
      const syntax_token& t = m_t[m_pos];
      if (t.type != syntax_token::kind::plus)
        fail(t, "expected '+' between terms, found " + syntax_lexer::quote(t.text));
      ++m_pos;
      if (m_pos == m_end) fail(t, "a term is missing after '+'");
    }
    for (const auto& l : lhs) {
      statement s = base;
      s.lhs = l.first;
      s.line = l.second->line;
      s.column = l.second->column;
      s.rhs = terms;
      out.push_back(std::move(s));
    }
  }

private:
  [[noreturn]] void fail(const syntax_token& t, const std::string& msg) const {
    throw parse_error(m_source, t.line, t.column, t.text, msg);
  }

  static op to_op(const std::string& s) {
    if (s == "=~") return op::measured_by;
    if (s == "<~") return op::composed_of;
    if (s == "~~") return op::covariance;
    if (s == ":=") return op::defined;
    if (s == "==") return op::equal;
    if (s == "<") return op::less;
    if (s == ">") return op::greater;
    return op::regression;
  }

  void expect_end(std::size_t end) const {
    if (m_pos != end) fail(m_t[m_pos], "unexpected " + syntax_lexer::quote(m_t[m_pos].text) + " in the expression");
  }

  const syntax_token& peek() const { return m_t[m_pos]; }
  bool at(syntax_token::kind k) const { return m_pos < m_end && m_t[m_pos].type == k; }
  const syntax_token& last_or_end() const { return m_pos < m_end ? m_t[m_pos] : m_t[m_end - 1]; }

  double to_number(const syntax_token& t) const {
    const double v = std::strtod(t.text.c_str(), nullptr);
    if (!std::isfinite(v)) fail(t, syntax_lexer::quote(t.text) + " overflows a double (largest magnitude about 1.8e308)");
    return v;
  }

  // Bounds the recursion of the expression parser (nested parentheses, unary minus, powers) and the size of
  // the tree (whose evaluation recurses once per operator), so a pathological expression is a parse error,
  // not a stack overflow.
  static constexpr int max_nesting = 200;
  static constexpr int max_operators = 10000;
  struct nesting_guard {
    syntax_statement_parser& p;
    nesting_guard(syntax_statement_parser& parser, const syntax_token& t) : p(parser) {
      if (++p.m_nesting > max_nesting)
        p.fail(t, "the expression is nested more than " + std::to_string(max_nesting) + " levels deep");
    }
    ~nesting_guard() { --p.m_nesting; }
    nesting_guard(const nesting_guard&) = delete;
    nesting_guard& operator=(const nesting_guard&) = delete;
  };
  // consumes the operator token at m_pos, counting it against max_operators
  const syntax_token& take_operator() {
    const syntax_token& t = m_t[m_pos++];
    if (++m_operators > max_operators)
      fail(t, "the expression has more than " + std::to_string(max_operators) + " operators");
    return t;
  }
  // an operator node at the operator's position; operands are moved in (a braced list would copy
  // the whole left subtree at every step of a long chain such as a+b+c+...)
  static expression node(expression::kind type, const syntax_token& o) {
    expression s;
    s.type = type;
    s.line = o.line;
    s.column = o.column;
    return s;
  }
  static expression node(expression::kind type, const syntax_token& o, expression lhs, expression rhs) {
    expression s = node(type, o);
    s.args.reserve(2);
    s.args.push_back(std::move(lhs));
    s.args.push_back(std::move(rhs));
    return s;
  }

  // modifier value inside c(...) or before '*': number, NA, name (label), start(x), label("a"), equal("a")
  modifier parse_modifier_value() {
    modifier m;
    const syntax_token& t = last_or_end();
    if (m_pos >= m_end) fail(t, "a modifier is missing");
    bool neg = false;
    if (at(syntax_token::kind::minus)) { neg = true; ++m_pos; }
    if (at(syntax_token::kind::number)) {
      m.fixed = (neg ? -1 : 1) * to_number(m_t[m_pos]);
      ++m_pos;
      return m;
    }
    if (neg) fail(last_or_end(), "expected a number after '-'");
    if (!at(syntax_token::kind::name)) fail(last_or_end(), "expected a number, NA or a label, found " + syntax_lexer::quote(last_or_end().text));
    const syntax_token& n = m_t[m_pos++];
    if (n.text == "NA") { m.free = true; return m; }
    if ((n.text == "start" || n.text == "label" || n.text == "equal") && at(syntax_token::kind::lparen)) {
      ++m_pos;
      if (n.text == "start") {
        bool sneg = false;
        if (at(syntax_token::kind::minus)) { sneg = true; ++m_pos; }
        if (!at(syntax_token::kind::number)) fail(last_or_end(), "start() needs a number");
        m.start = (sneg ? -1 : 1) * to_number(m_t[m_pos++]);
      } else {
        if (!at(syntax_token::kind::string) && !at(syntax_token::kind::name)) fail(last_or_end(), n.text + "() needs a label");
        m.label = m_t[m_pos++].text;
      }
      if (!at(syntax_token::kind::rparen)) fail(last_or_end(), "expected ')' to close " + n.text + "(");
      ++m_pos;
      return m;
    }
    m.label = n.text;
    return m;
  }

  static void merge(modifier& into, const modifier& m) {
    if (m.fixed) into.fixed = m.fixed;
    if (m.free) into.free = true;
    if (!m.label.empty()) into.label = m.label;
    if (m.start) into.start = m.start;
  }

  term parse_term(const syntax_token& optok, op o) {
    term t;
    // modifiers: (value | c(values)) '*' ...
    for (;;) {
      // lookahead: is the next thing followed by '*'?
      std::size_t save = m_pos;
      if (at(syntax_token::kind::name) && m_t[m_pos].text == "c" && m_pos + 1 < m_end &&
          m_t[m_pos + 1].type == syntax_token::kind::lparen) {
        m_pos += 2;
        std::vector<modifier> mods;
        for (;;) {
          mods.push_back(parse_modifier_value());
          if (at(syntax_token::kind::comma)) { ++m_pos; continue; }
          if (at(syntax_token::kind::rparen)) { ++m_pos; break; }
          fail(last_or_end(), "expected ',' or ')' in c(...)");
        }
        if (!at(syntax_token::kind::star)) fail(last_or_end(), "c(...) must be followed by '*' and a variable");
        ++m_pos;
        t.group_mods = std::move(mods);
        continue;
      }
      bool is_modifier = false;
      {
        std::size_t p = m_pos;
        if (p < m_end && m_t[p].type == syntax_token::kind::minus) ++p;
        if (p < m_end && (m_t[p].type == syntax_token::kind::number || m_t[p].type == syntax_token::kind::name)) {
          ++p;
          if (p < m_end && m_t[p].type == syntax_token::kind::lparen) {  // start(..), label(..)
            while (p < m_end && m_t[p].type != syntax_token::kind::rparen) ++p;
            ++p;
          }
          is_modifier = p < m_end && m_t[p].type == syntax_token::kind::star;
        }
      }
      if (!is_modifier) break;
      merge(t.mod, parse_modifier_value());
      if (!at(syntax_token::kind::star)) { m_pos = save; break; }
      ++m_pos;
      if (m_pos >= m_end) fail(m_t[m_pos - 1], "a variable is missing after '*'");
    }
    if (m_pos >= m_end) fail(m_t[m_end - 1], "a term is missing after " + syntax_lexer::quote(optok.text));
    const syntax_token& n = m_t[m_pos];
    t.line = n.line;
    t.column = n.column;
    if (n.type == syntax_token::kind::number) {
      if (n.text != "1" || o != op::regression)
        fail(n, "expected a variable name, found the number " + syntax_lexer::quote(n.text) +
                    (o == op::regression ? " (only '1' is allowed: an intercept)" : ""));
      t.name = "1";
      ++m_pos;
      return t;
    }
    if (n.type != syntax_token::kind::name) fail(n, "expected a variable name, found " + syntax_lexer::quote(n.text));
    t.name = n.text;
    t.factors.push_back(n.text);
    ++m_pos;
    while (at(syntax_token::kind::colon)) {
      ++m_pos;
      if (!at(syntax_token::kind::name)) fail(last_or_end(), "expected a name after ':' in an interaction term");
      t.factors.push_back(m_t[m_pos].text);
      t.name += ":" + m_t[m_pos].text;
      ++m_pos;
    }
    return t;
  }

  // expression grammar: sum := prod (('+'|'-') prod)*; prod := unary (('*'|'/') unary)*;
  // unary := '-' unary | pow; pow := atom ('^' unary)?; atom := number | name | '(' sum ')'
  expression parse_expr() {
    if (m_pos >= m_end) fail(m_t[m_end > 0 ? m_end - 1 : 0], "an expression is missing");
    expression e = parse_prod();
    while (at(syntax_token::kind::plus) || at(syntax_token::kind::minus)) {
      const syntax_token& o = take_operator();
      e = node(o.type == syntax_token::kind::plus ? expression::kind::add : expression::kind::subtract, o,
               std::move(e), parse_prod());
    }
    return e;
  }
  expression parse_prod() {
    expression e = parse_unary();
    while (at(syntax_token::kind::star) || at(syntax_token::kind::slash)) {
      const syntax_token& o = take_operator();
      e = node(o.type == syntax_token::kind::star ? expression::kind::multiply : expression::kind::divide, o,
               std::move(e), parse_unary());
    }
    return e;
  }
  expression parse_unary() {
    if (m_pos < m_end) {
      const nesting_guard guard(*this, m_t[m_pos]);
      return parse_unary_nested();
    }
    return parse_unary_nested();
  }
  expression parse_unary_nested() {
    if (at(syntax_token::kind::minus)) {
      const syntax_token& o = take_operator();
      expression s = node(expression::kind::negate, o);
      s.args.push_back(parse_unary());
      return s;
    }
    expression a = parse_atom();
    if (at(syntax_token::kind::caret)) {
      const syntax_token& o = take_operator();
      return node(expression::kind::power, o, std::move(a), parse_unary());
    }
    return a;
  }
  expression parse_atom() {
    if (m_pos >= m_end) fail(m_t[m_end - 1], "an operand is missing");
    const syntax_token& t = m_t[m_pos];
    expression e;
    e.line = t.line;
    e.column = t.column;
    if (t.type == syntax_token::kind::number) {
      e.type = expression::kind::number;
      e.value = to_number(t);
      ++m_pos;
      return e;
    }
    if (t.type == syntax_token::kind::name) {
      e.type = expression::kind::name;
      e.name = t.text;
      ++m_pos;
      return e;
    }
    if (t.type == syntax_token::kind::lparen) {
      ++m_pos;
      expression inner = parse_expr();
      if (!at(syntax_token::kind::rparen)) fail(last_or_end(), "expected ')'");
      ++m_pos;
      return inner;
    }
    fail(t, "unexpected " + syntax_lexer::quote(t.text) + " in the expression");
  }

  const std::vector<syntax_token>& m_t;
  const std::string& m_text;
  const std::string& m_source;
  std::size_t m_pos = 0;
  std::size_t m_end = 0;
  int m_nesting = 0;
  int m_operators = 0;
};

}  // namespace detail

namespace model {

/// Parses model text. `source` names it in error messages (a file name, or "<model>").
/// Throws csat::parse_error located at the offending line and column.
inline syntax parse_syntax(const std::string& text, const std::string& source = "<model>") {
  syntax out;
  out.source = source;
  csat::detail::syntax_lexer lexer(text, out.source);
  for (const auto& toks : lexer.statements()) {
    csat::detail::syntax_statement_parser p(toks, text, out.source);
    p.parse(out.statements);
  }
  return out;
}

}  // namespace model
}  // namespace csat

#endif
