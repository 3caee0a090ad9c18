# Expected values for the ML SEM parity tests (lavaan 0.6-14):
#   1. One-group mean structures on Holzinger-Swineford: `x2 ~ 1`, all nine `x ~ 1`, meanstructure = TRUE.
#   2. Exogenous observed covariates (MIMIC): the log-likelihood conditional on the covariates (fixed.x =
#      TRUE, lavaan's default) and the joint one with fixed.x = FALSE (covariate variances free).
#   3. FIML with two groups, one of 25 rows with 20% of the cells deleted (5 complete rows): the
#      unrestricted (h1) model cannot be estimated (EM drifts towards a singular covariance matrix), the
#      model can; estimates, SEs and the model log-likelihood do not depend on h1.
# Run from the repository root:  Rscript tests/reference/sem_parity.R
# Writes tests/data/sem_hs.csv, tests/data/sem_groups_sparse.csv and tests/reference/sem_parity_*.csv.
suppressMessages(library(lavaan))
stopifnot(packageVersion("lavaan") == "0.6.14")
num <- function(x) ifelse(is.na(x), "NA", trimws(formatC(x, digits = 17, format = "g")))
measures <- c("npar", "chisq", "df", "pvalue", "baseline.chisq", "baseline.df", "cfi", "tli", "logl",
              "unrestricted.logl", "aic", "bic", "bic2", "rmsea", "rmsea.ci.lower", "rmsea.ci.upper",
              "rmsea.pvalue", "srmr")
fits <- list()
est_rows <- NULL
keep <- function(name, fit) {
  fits[[name]] <<- fit
  pe <- parameterEstimates(fit, standardized = FALSE)
  if (is.null(pe$group)) pe$group <- 1
  est_rows <<- rbind(est_rows, data.frame(model = name, lhs = pe$lhs, op = pe$op, rhs = pe$rhs, group = pe$group,
                                          est = num(pe$est), se = num(pe$se)))
}

# data: HolzingerSwineford1939's x1..x9, sex and ageyr, as lavaan ships them
hs <- HolzingerSwineford1939[, c(paste0("x", 1:9), "sex", "ageyr")]
write.csv(hs, "tests/data/sem_hs.csv", row.names = FALSE, quote = FALSE)
hs <- read.csv("tests/data/sem_hs.csv")
hs_model <- "visual =~ x1 + x2 + x3\n textual =~ x4 + x5 + x6\n speed =~ x7 + x8 + x9"

# 1. mean structures in one group -------------------------------------------------------------------
keep("ms_x2", cfa(paste(hs_model, "\n x2 ~ 1"), data = hs))
keep("ms_all", cfa(paste(hs_model, paste0("\n x", 1:9, " ~ 1", collapse = "")), data = hs))
keep("ms_option", cfa(hs_model, data = hs, meanstructure = TRUE))

# 2. exogenous covariates -----------------------------------------------------------------------------
mimic <- paste(hs_model, "\n visual ~ sex + ageyr")
keep("mimic", sem(mimic, data = hs))
keep("mimic_joint", sem(mimic, data = hs, fixed.x = FALSE))
keep("mimic_ms", sem(mimic, data = hs, meanstructure = TRUE))
keep("mimic_ms_joint", sem(mimic, data = hs, meanstructure = TRUE, fixed.x = FALSE))

# 3. FIML, a group with few complete rows ---------------------------------------------------------------
d <- read.csv("tests/data/sem_segments.csv")
set.seed(2)
south <- d[d$segment == "industrial", ][1:25, ]
south$segment <- "south"
north <- d[d$segment == "residential", ][1:100, ]
north$segment <- "north"
x <- rbind(north, south)
q <- paste0("q", 1:9)
del <- matrix(runif(nrow(x) * 9) < 0.2, nrow(x))
del[1:100, ] <- FALSE
m <- as.matrix(x[, q])
m[del] <- NA
x[, q] <- m
write.csv(x, "tests/data/sem_groups_sparse.csv", row.names = FALSE, na = "", quote = FALSE)
x <- read.csv("tests/data/sem_groups_sparse.csv")
cat("complete rows in south:", sum(complete.cases(x[x$segment == "south", q])), "\n")
seg_model <- "sat =~ q1 + q2 + q3\n val =~ q4 + q5 + q6\n loy =~ q7 + q8 + q9\n loy ~ sat + val"
sparse <- withCallingHandlers(sem(seg_model, data = x, group = "segment", missing = "ml"),
                              warning = function(w) { cat("lavaan warns:", conditionMessage(w), "\n")
                                                      invokeRestart("muffleWarning") })
keep("sparse_fiml", sparse)
# the h1 log-likelihood grows with every EM iteration: chisq is not defined
for (tol in c(1e-4, 1e-6, 1e-8))
  cat("em.h1.tol", tol, "chisq",
      fitMeasures(suppressWarnings(sem(seg_model, data = x, group = "segment", missing = "ml", em.h1.tol = tol,
                                       em.h1.iter.max = 20000)), "chisq"), "\n")

rows <- NULL
for (nm in names(fits)) {
  fm <- fitMeasures(fits[[nm]], measures)
  rows <- rbind(rows, data.frame(model = nm, measure = names(fm), value = num(unname(fm))))
}
write.table(rows, "tests/reference/sem_parity_fit.csv", sep = ",", row.names = FALSE, quote = TRUE)
write.table(est_rows, "tests/reference/sem_parity_estimates.csv", sep = ",", row.names = FALSE, quote = TRUE)
