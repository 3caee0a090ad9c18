#ifndef CSAT_SIMULATE_RANDOM_HPP
#define CSAT_SIMULATE_RANDOM_HPP

/// \file
/// Portable random variates on top of std::mt19937_64.
///
/// The C++ standard fixes the output sequence of std::mt19937_64 for a given seed, but not the algorithms of
/// std::uniform_real_distribution, std::normal_distribution and friends, which differ between libstdc++, libc++ and
/// MSVC. Everything here uses only the engine's raw 64-bit output with algorithms written out below, so a seed gives
/// the same numbers on every standard library and platform:
/// - uniform01: the top 53 bits of one output, times 2^-53, in [0, 1);
/// - uniform_below(n): an unbiased integer in [0, n) by rejecting the incomplete top range;
/// - normal: the Marsaglia polar method (Marsaglia & Bray 1964), two variates per accepted pair;
/// - categorical: inversion of the cumulative shares with one uniform.

#include <csat/core/error.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace csat {
namespace simulate {

/// The engine csat's simulations use; seeded with one 64-bit integer.
using engine = std::mt19937_64;

/// A uniform double in [0, 1) from the top 53 bits of one engine output.
inline double uniform01(engine& g) { return static_cast<double>(g() >> 11) * (1.0 / 9007199254740992.0); }

/// An unbiased integer in [0, n), n > 0 (rejection of the incomplete top range).
inline std::uint64_t uniform_below(engine& g, std::uint64_t n) {
  if (n == 0) throw csat::invalid_argument("csat::simulate::uniform_below: n = 0, but must be at least 1");
  const std::uint64_t limit = (~std::uint64_t(0)) - ((~std::uint64_t(0)) % n + 1) % n;  // largest multiple of n, minus 1
  for (;;) {
    const std::uint64_t x = g();
    if (x <= limit) return x % n;
  }
}

/// Standard normal variates by the Marsaglia polar method. Keeps the second variate of each pair, so a
/// generator object, not just the engine, determines the sequence: use one per stream.
class normal_generator {
public:
  double operator()(engine& g) {
    if (m_has_spare) {
      m_has_spare = false;
      return m_spare;
    }
    double u, v, s;
    do {
      u = 2.0 * uniform01(g) - 1.0;
      v = 2.0 * uniform01(g) - 1.0;
      s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const double f = std::sqrt(-2.0 * std::log(s) / s);
    m_spare = v * f;
    m_has_spare = true;
    return u * f;
  }
  /// Forgets a kept variate (so the next call starts a new pair).
  void reset() { m_has_spare = false; }

private:
  double m_spare = 0;
  bool m_has_spare = false;
};

/// The index k with cumulative[k-1] <= u < cumulative[k] for one uniform u; `cumulative` ends with 1
/// (the running sums of shares that add up to 1).
inline std::size_t categorical(engine& g, const std::vector<double>& cumulative) {
  const double u = uniform01(g);
  for (std::size_t k = 0; k + 1 < cumulative.size(); ++k)
    if (u < cumulative[k]) return k;
  return cumulative.empty() ? 0 : cumulative.size() - 1;
}

}  // namespace simulate
}  // namespace csat

#endif
