#ifndef CSAT_CORE_VALIDATE_HPP
#define CSAT_CORE_VALIDATE_HPP

/// \file
/// Shared argument checkers. Every csat entry point validates through these, so messages have one shape:
///   "<function>: <argument>[i,j] = <value>, but <requirement>"
/// with 0-based indices. Shape and structure problems throw csat::invalid_argument, bad values
/// csat::domain_error.

#include <csat/config.hpp>
#include <csat/core/error.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <type_traits>
#include <limits>
#include <sstream>
#include <string>

namespace csat {
namespace detail {

/// Shortest decimal text that reads back to the same double ("3", "0.1", "nan", "inf").
inline std::string format_value(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buf[40];
  for (int prec = 6; prec <= 17; ++prec) {
    std::snprintf(buf, sizeof buf, "%.*g", prec, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  return buf;
}

template <class T>
std::string format_any(const T& v) {
  if constexpr (std::is_arithmetic_v<T>) {
    return format_value(static_cast<double>(v));
  } else {
    std::ostringstream os;
    os.precision(17);
    os << v;
    return os.str();
  }
}

/// "name[i]" or "name[i,j]" (0-based).
inline std::string element_name(const std::string& name, Eigen::Index i) {
  return name + "[" + std::to_string(i) + "]";
}
inline std::string element_name(const std::string& name, Eigen::Index i, Eigen::Index j) {
  return name + "[" + std::to_string(i) + "," + std::to_string(j) + "]";
}

/// A string in double quotes, for names and texts inside messages.
inline std::string quoted(const std::string& s) { return "\"" + s + "\""; }

[[noreturn]] inline void throw_invalid_argument(const std::string& function, const std::string& message) {
  throw csat::invalid_argument(function + ": " + message);
}

[[noreturn]] inline void throw_domain_error(const std::string& function, const std::string& message) {
  throw csat::domain_error(function + ": " + message);
}

/// Throws csat::domain_error "function: what = value, but requirement".
template <class T>
[[noreturn]] void throw_domain_error(const std::string& function, const std::string& what, const T& value,
                                     const std::string& requirement) {
  throw csat::domain_error(function + ": " + what + " = " + format_any(value) + ", but " + requirement);
}

// ---- shape checks (csat::invalid_argument) ---------------------------------------------------------

template <class Derived>
void check_square(const char* function, const char* name, const Eigen::EigenBase<Derived>& m) {
  if (m.rows() != m.cols())
    throw_invalid_argument(function, std::string(name) + " is " + std::to_string(m.rows()) + "x" +
                                         std::to_string(m.cols()) + ", but must be square");
}

template <class Derived>
void check_nonempty(const char* function, const char* name, const Eigen::EigenBase<Derived>& m) {
  if (m.size() == 0) throw_invalid_argument(function, std::string(name) + " is empty");
}

inline void check_size(const char* function, const char* name, Eigen::Index actual, Eigen::Index expected) {
  if (actual != expected)
    throw_invalid_argument(function, std::string(name) + " has size " + std::to_string(actual) +
                                         ", but must have size " + std::to_string(expected));
}

template <class D1, class D2>
void check_same_rows(const char* function, const char* name1, const Eigen::EigenBase<D1>& a, const char* name2,
                     const Eigen::EigenBase<D2>& b) {
  if (a.rows() != b.rows())
    throw_invalid_argument(function, std::string(name1) + " has " + std::to_string(a.rows()) + " rows, but " +
                                         name2 + " has " + std::to_string(b.rows()));
}

// ---- value checks (csat::domain_error) ---------------------------------------------------------------

namespace check_impl {
template <class Derived, class Pred>
void each(const char* function, const char* name, const Eigen::DenseBase<Derived>& m, Pred ok,
          const char* requirement) {
  const auto& x = m.derived();
  const bool vector = x.cols() == 1 || x.rows() == 1;
  for (Eigen::Index j = 0; j < x.cols(); ++j)
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
      const double v = static_cast<double>(x(i, j));
      if (!ok(v)) {
        const std::string where =
            vector ? element_name(name, x.cols() == 1 ? i : j) : element_name(name, i, j);
        throw_domain_error(function, where, v, requirement);
      }
    }
}
}  // namespace check_impl

/// Every entry finite (no NaN or infinity).
template <class Derived>
void check_finite(const char* function, const char* name, const Eigen::DenseBase<Derived>& m) {
  check_impl::each(function, name, m, [](double v) { return std::isfinite(v); }, "must be finite");
}

/// Every entry finite and > 0.
template <class Derived>
void check_positive(const char* function, const char* name, const Eigen::DenseBase<Derived>& m) {
  check_impl::each(function, name, m, [](double v) { return std::isfinite(v) && v > 0; },
                   "must be finite and positive");
}

/// Every entry finite and >= 0.
template <class Derived>
void check_nonnegative(const char* function, const char* name, const Eigen::DenseBase<Derived>& m) {
  check_impl::each(function, name, m, [](double v) { return std::isfinite(v) && v >= 0; },
                   "must be finite and non-negative");
}

/// Every entry in [0, 1].
template <class Derived>
void check_probability(const char* function, const char* name, const Eigen::DenseBase<Derived>& m) {
  check_impl::each(function, name, m, [](double v) { return v >= 0 && v <= 1; }, "must lie in [0, 1]");
}

/// A single value in [lo, hi].
inline void check_bounded(const char* function, const char* name, double value, double lo, double hi) {
  if (!(value >= lo && value <= hi))
    throw_domain_error(function, name, value, "must lie in [" + format_value(lo) + ", " + format_value(hi) + "]");
}

/// A single finite value > 0.
inline void check_positive(const char* function, const char* name, double value) {
  if (!(std::isfinite(value) && value > 0)) throw_domain_error(function, name, value, "must be finite and positive");
}

/// Non-negative entries summing to 1 within `tolerance`.
template <class Derived>
void check_simplex(const char* function, const char* name, const Eigen::DenseBase<Derived>& v,
                   double tolerance = 1e-9) {
  check_nonnegative(function, name, v);
  const double s = static_cast<double>(v.derived().sum());
  if (!(std::abs(s - 1.0) <= tolerance))
    throw_domain_error(function, std::string("sum of ") + name, s,
                       "must equal 1 within " + format_value(tolerance));
}

}  // namespace detail
}  // namespace csat

#endif
