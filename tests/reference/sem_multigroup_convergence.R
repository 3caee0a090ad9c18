# Expected values for a multi-group CFA on small groups that csat's scoring from the marker-covariance starts
# did not fit (one group's factor variance driven towards 0 with loadings near -1e3, no
# convergence in 1000 iterations), lavaan 0.6-14, marker-variable parameterization (the default).
# Data: data set 152 of a simulation of random 2-3 group CFAs (set.seed(42); per group 41-228 rows, loadings
# U(0.3, 1.2), simulateData); the loop replays the random stream up to it. 2 groups (135 and 104 rows).
# Data set 116 of the same simulation (3 factors, 2 groups of 139 and 164 rows): from those starts scoring converges
# to a local optimum with a negative factor variance in group 2 (chi-square 40.64); lavaan's optimum is proper and
# lower (40.16).
# Data set 27 (2 factors, 3 groups): in groups 1 and 2 the likelihood rises without bound along a ridge (f2's
# variance up, y4's residual variance down, the loadings of y5 and y6 near 0); lavaan stops on that ridge where its
# relative tolerance is met and warns that the information matrix cannot be inverted. Only the data are kept
# (tests/data/sem_mg_ridge.csv): no finite estimate exists to compare with.
# Data set 165 (3 factors, 2 groups): lavaan's optimum has group 1's f2 variance at 3e-4 with loadings 38.7 and
# 54.3 (standard errors near 300: a flat direction, so lavaan's estimates there move by 1e-4 relative when its
# rel.tol is tightened from 1e-10 to 1e-11); scoring from every unbounded start drifts the other way (f2's
# variance up, y4's residual variance below -1e4) and stops at chi-square 72.2.
# Run from the repository root:  Rscript tests/reference/sem_multigroup_convergence.R
# Writes tests/data/sem_mg_convergence.csv (the data) and tests/data/sem_mg_convergence_ref.csv (lavaan's values),
# tests/data/sem_mg_improper.csv and tests/data/sem_mg_improper_ref.csv (data set 116).
suppressMessages(library(lavaan))
stopifnot(packageVersion("lavaan") == "0.6.14")
num <- function(x) trimws(formatC(x, digits = 17, format = "g"))
set.seed(42)
for (i in 1:165) {
  G <- sample(2:3, 1)
  nf <- sample(1:3, 1); ni <- 3
  mod <- paste(sapply(1:nf, function(f) paste0("f", f, " =~ ", paste0("y", (f-1)*ni + 1:ni, collapse = " + "))),
               collapse = "\n")
  d <- NULL
  for (g in 1:G) {
    n <- sample(41:228, 1)
    lam <- round(runif(nf*ni, 0.3, 1.2), 2)
    pop <- paste(sapply(1:nf, function(f) paste0("f", f, " =~ ", paste0(lam[(f-1)*ni + 1:ni], "*y", (f-1)*ni + 1:ni,
                                                                         collapse = " + "))), collapse = "\n")
    x <- simulateData(pop, sample.nobs = n)
    x <- round(x, 4); x$g <- paste0("g", g)
    d <- rbind(d, x)
  }
  if (i == 27) { d27 <- d; mod27 <- mod }
  if (i == 116) { d116 <- d; mod116 <- mod }
  if (i == 152) { d152 <- d; mod152 <- mod }
  if (i == 165) { d165 <- d; mod165 <- mod }
}
d <- d152; mod <- mod152
stopifnot(mod == "f1 =~ y1 + y2 + y3\nf2 =~ y4 + y5 + y6")
write.csv(d, "tests/data/sem_mg_convergence.csv", row.names = FALSE, quote = FALSE)
d <- read.csv("tests/data/sem_mg_convergence.csv")
fit <- cfa(mod, data = d, group = "g")
stopifnot(lavInspect(fit, "converged"))
pe <- parameterEstimates(fit)
est <- function(lhs, op, rhs, g) pe$est[pe$lhs == lhs & pe$op == op & pe$rhs == rhs & pe$group == g]
out <- data.frame(
  name = c("chisq", "df", "npar", "logl",
           "g1 f1=~y2", "g2 f1=~y2", "g2 f1=~y3", "g2 f1~~f1", "g2 f2~~f2", "g2 f2=~y5"),
  value = c(fitMeasures(fit, c("chisq", "df", "npar", "logl")),
            est("f1", "=~", "y2", 1), est("f1", "=~", "y2", 2), est("f1", "=~", "y3", 2),
            est("f1", "~~", "f1", 2), est("f2", "~~", "f2", 2), est("f2", "=~", "y5", 2)))
out$value <- num(out$value)
write.csv(out, "tests/data/sem_mg_convergence_ref.csv", row.names = FALSE, quote = FALSE)
print(out)

stopifnot(mod116 == "f1 =~ y1 + y2 + y3\nf2 =~ y4 + y5 + y6\nf3 =~ y7 + y8 + y9")
write.csv(d116, "tests/data/sem_mg_improper.csv", row.names = FALSE, quote = FALSE)
d116 <- read.csv("tests/data/sem_mg_improper.csv")
fit <- cfa(mod116, data = d116, group = "g")
stopifnot(lavInspect(fit, "converged"))
pe <- parameterEstimates(fit)
stopifnot(all(pe$est[pe$op == "~~" & pe$lhs == pe$rhs] > 0))
out <- data.frame(
  name = c("chisq", "df", "npar", "logl",
           "g2 f3~~f3", "g2 f3=~y8", "g2 f3=~y9", "g2 f2~~f3", "g1 f1=~y3"),
  value = c(fitMeasures(fit, c("chisq", "df", "npar", "logl")),
            est("f3", "~~", "f3", 2), est("f3", "=~", "y8", 2), est("f3", "=~", "y9", 2),
            est("f2", "~~", "f3", 2), est("f1", "=~", "y3", 1)))
out$value <- num(out$value)
write.csv(out, "tests/data/sem_mg_improper_ref.csv", row.names = FALSE, quote = FALSE)
print(out)

stopifnot(mod27 == "f1 =~ y1 + y2 + y3\nf2 =~ y4 + y5 + y6")
write.csv(d27, "tests/data/sem_mg_ridge.csv", row.names = FALSE, quote = FALSE)

stopifnot(mod165 == "f1 =~ y1 + y2 + y3\nf2 =~ y4 + y5 + y6\nf3 =~ y7 + y8 + y9")
write.csv(d165, "tests/data/sem_mg_flat.csv", row.names = FALSE, quote = FALSE)
d165 <- read.csv("tests/data/sem_mg_flat.csv")
fit <- cfa(mod165, data = d165, group = "g")
stopifnot(lavInspect(fit, "converged"))
pe <- parameterEstimates(fit)
out <- data.frame(
  name = c("chisq", "df", "logl", "g1 f2=~y5", "g1 f2=~y6", "g1 f2~~f2", "g2 f2=~y5"),
  value = c(fitMeasures(fit, c("chisq", "df", "logl")),
            est("f2", "=~", "y5", 1), est("f2", "=~", "y6", 1), est("f2", "~~", "f2", 1), est("f2", "=~", "y5", 2)))
out$value <- num(out$value)
write.csv(out, "tests/data/sem_mg_flat_ref.csv", row.names = FALSE, quote = FALSE)
print(out)
