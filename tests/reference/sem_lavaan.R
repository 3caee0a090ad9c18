# Expected values for the csat::sem tests that go beyond ../shared/reference (lavaan 0.6-14):
#   1. FIML: the Holzinger-Swineford 3-factor CFA on a copy of x1..x9 with 10% of the cells deleted
#      (each cell independently, set.seed(20261123)); lavaan cfa(..., missing = "ml").
#   2. Multiple groups: three simulated customer segments (set.seed(6)), 9 indicators of 3 factors;
#      configural, metric (loadings equal) and scalar (loadings and intercepts equal) invariance.
#   3. Modification indices of the Holzinger-Swineford CFA (complete data).
# Run from the repository root:  Rscript tests/reference/sem_lavaan.R
# Writes tests/data/sem_hs_missing.csv, tests/data/sem_segments.csv and tests/reference/sem_*.csv.
suppressMessages(library(lavaan))
stopifnot(packageVersion("lavaan") == "0.6.14")
num <- function(x) ifelse(is.na(x), "NA", trimws(formatC(x, digits = 17, format = "g")))
write_pt <- function(fit, file, std = TRUE) {
  pe <- parameterEstimates(fit, standardized = FALSE)
  if (is.null(pe$group)) pe$group <- 1
  out <- data.frame(lhs = pe$lhs, op = pe$op, rhs = pe$rhs, group = pe$group,
                    est = num(pe$est), se = num(pe$se))
  write.table(out, file, sep = ",", row.names = FALSE, quote = TRUE)
}
write_fit <- function(fits, file) {
  rows <- NULL
  for (nm in names(fits)) {
    fm <- fitMeasures(fits[[nm]], c("npar", "chisq", "df", "pvalue", "baseline.chisq", "baseline.df", "cfi", "tli",
                                    "logl", "unrestricted.logl", "aic", "bic", "rmsea", "rmsea.ci.lower",
                                    "rmsea.ci.upper", "rmsea.pvalue", "srmr"))
    rows <- rbind(rows, data.frame(model = nm, measure = names(fm), value = num(unname(fm))))
  }
  write.table(rows, file, sep = ",", row.names = FALSE, quote = TRUE)
}

hs_model <- "visual =~ x1 + x2 + x3\n textual =~ x4 + x5 + x6\n speed =~ x7 + x8 + x9"

# 1. FIML ---------------------------------------------------------------------------------------------
set.seed(20261123)
hs <- HolzingerSwineford1939[, paste0("x", 1:9)]
del <- matrix(runif(nrow(hs) * ncol(hs)) < 0.10, nrow(hs))
hs[del] <- NA
write.csv(hs, "tests/data/sem_hs_missing.csv", row.names = FALSE, na = "")
fiml <- cfa(hs_model, data = hs, missing = "ml")
write_pt(fiml, "tests/reference/sem_hs_fiml_estimates.csv")
lw <- cfa(hs_model, data = hs)  # listwise
write_pt(lw, "tests/reference/sem_hs_listwise_estimates.csv")
write_fit(list(fiml = fiml, listwise = lw), "tests/reference/sem_hs_missing_fit.csv")

# 2. Three groups ------------------------------------------------------------------------------------
set.seed(6)
pop <- function(shift) paste0(
  "sat =~ 1*q1 + 0.8*q2 + 0.9*q3\n val =~ 1*q4 + 1.1*q5 + 0.7*q6\n loy =~ 1*q7 + 0.9*q8 + 0.8*q9\n",
  "loy ~ 0.5*sat + 0.3*val\n sat ~~ 0.4*val\n q1 ~ ", 5 + shift, "*1\n q4 ~ 4*1\n q7 ~ ", 3 - shift, "*1")
segs <- c(residential = 0, commercial = 0.1, industrial = 0.4)
sizes <- c(residential = 220, commercial = 180, industrial = 150)
d <- NULL
for (s in names(segs)) {
  x <- simulateData(pop(segs[[s]]), sample.nobs = sizes[[s]])
  x <- round(x[, paste0("q", 1:9)], 4)
  x$segment <- s
  d <- rbind(d, x)
}
write.csv(d, "tests/data/sem_segments.csv", row.names = FALSE)
d <- read.csv("tests/data/sem_segments.csv")
seg_model <- "sat =~ q1 + q2 + q3\n val =~ q4 + q5 + q6\n loy =~ q7 + q8 + q9\n loy ~ sat + val"
configural <- sem(seg_model, data = d, group = "segment")
metric <- sem(seg_model, data = d, group = "segment", group.equal = "loadings")
scalar <- sem(seg_model, data = d, group = "segment", group.equal = c("loadings", "intercepts"))
write_fit(list(configural = configural, metric = metric, scalar = scalar), "tests/reference/sem_segments_fit.csv")
write_pt(scalar, "tests/reference/sem_segments_scalar_estimates.csv")
lt <- lavTestLRT(configural, metric, scalar)
write.table(data.frame(model = c("configural", "metric", "scalar"), chisq = num(lt$Chisq), df = lt$Df,
                       chisq_diff = num(lt$`Chisq diff`), df_diff = lt$`Df diff`, p = num(lt$`Pr(>Chisq)`)),
            "tests/reference/sem_segments_lrt.csv", sep = ",", row.names = FALSE, quote = TRUE)
cat("group order:", lavInspect(configural, "group.label"), "\n")

# 3. Modification indices ---------------------------------------------------------------------------
hsfit <- cfa(hs_model, data = HolzingerSwineford1939)
mi <- modindices(hsfit, sort. = FALSE)
write.table(data.frame(lhs = mi$lhs, op = mi$op, rhs = mi$rhs, mi = num(mi$mi), epc = num(mi$epc)),
            "tests/reference/sem_hs_modindices.csv", sep = ",", row.names = FALSE, quote = TRUE)
