# Expected values of two combinations with interaction terms against seminr 2.3.2:
#   1. PLSc (reflective() constructs) with an interaction term, every interaction method, and its bootstrap
#      (replayed resamples);
#   2. a two-stage higher-order construct together with an interaction term.
#
# Run from the repository root:   Rscript tests/reference/pls_interaction_combos.R
# seminr 2.3.2 in /tmp/rlib (see tests/reference/pls_seminr_parity.R for its installation); mobi from seminr.
#
# Writes:
#   tests/data/pls_mobi_hoc.csv                       mobi (250 rows): IMAG, CUEX, PERQ, PERV, CUSA
#   tests/data/pls_mobi_boot_indices_plsc_int.csv     1-based rows of the 30 resamples of the PLSc bootstrap
#   tests/data/pls_mobi_hoc_boot_indices.csv          1-based rows of the 20 resamples of the HOC + interaction bootstrap
#   tests/reference/pls_interaction_combos.csv        every expected value: rows kind, method, from, to, value (and
#                                                     mean, sd, n for bootstrap rows); kinds without prefix are the
#                                                     PLSc model, "a_" / "b_" the two higher-order models (section 2).
# Interaction names use ':' (seminr: '*').

.libPaths(c("/tmp/rlib", .libPaths()))
suppressMessages(library(seminr))
stopifnot(packageVersion("seminr") == "2.3.2")
Sys.setenv(R_LIBS = paste(.libPaths(), collapse = .Platform$path.sep))

out_data <- "tests/data"
out_ref <- "tests/reference"
stopifnot(dir.exists(out_data), dir.exists(out_ref))

mobi_cols <- c(paste0("IMAG", 1:5), paste0("CUEX", 1:3), paste0("PERV", 1:2), paste0("CUSA", 1:3))
mobi_small <- mobi[, mobi_cols]
hoc_cols <- c(paste0("IMAG", 1:5), paste0("CUEX", 1:3), paste0("PERQ", 1:7), paste0("PERV", 1:2),
              paste0("CUSA", 1:3))
mobi_hoc <- mobi[, hoc_cols]
write.csv(mobi_hoc, file.path(out_data, "pls_mobi_hoc.csv"), row.names = FALSE, na = "NA")

methods <- list("two-stage" = two_stage, "product-indicator" = product_indicator, "orthogonal" = orthogonal)
colon <- function(x) gsub("\\*", ":", x)
rows <- list()
add <- function(kind, method, from, to, value, mean = NA, sd = NA, n = NA) {
  rows[[length(rows) + 1]] <<- data.frame(kind = kind, method = method, from = colon(from), to = colon(to),
                                          value = value, mean = mean, sd = sd, n = n)
}
# everything of one fitted model: paths, total effects, loadings, weights, R², adjusted R², reliability, ρ_A
add_model <- function(m, method, prefix = "") {
  sm <- m$smMatrix
  for (i in seq_len(nrow(sm))) add(paste0(prefix, "path"), method, sm[i, "source"], sm[i, "target"],
                                   m$path_coef[sm[i, "source"], sm[i, "target"]])
  L <- m$outer_loadings
  W <- m$outer_weights
  for (k in colnames(L)) for (i in rownames(L)) if (L[i, k] != 0 || W[i, k] != 0) {
    add(paste0(prefix, "loading"), method, i, k, L[i, k])
    add(paste0(prefix, "weight"), method, i, k, W[i, k])
  }
  for (k in colnames(m$rSquared)) {
    add(paste0(prefix, "r2"), method, k, "", m$rSquared["Rsq", k])
    add(paste0(prefix, "r2_adj"), method, k, "", m$rSquared["AdjRsq", k])
  }
  rel <- summary(m)$reliability
  for (k in rownames(rel)) {
    add(paste0(prefix, "alpha"), method, k, "", rel[k, "alpha"])
    add(paste0(prefix, "rho_c"), method, k, "", rel[k, "rhoC"])
    add(paste0(prefix, "ave"), method, k, "", rel[k, "AVE"])
    add(paste0(prefix, "rho_a"), method, k, "", rel[k, "rhoA"])
  }
  add(paste0(prefix, "iterations"), method, "", "", m$iterations)
}

# ---------------------------------------------------------------------------------------------------------------
# 1. PLSc with an interaction term: reflective() main constructs (seminr applies PLSc), the interaction construct a
#    Mode A composite (interaction_term's default weights), Satisfaction ~ Image + Expectation + Image*Expectation.
nboot <- 30
seed <- 7
n <- nrow(mobi_small)
idx <- t(sapply(seq_len(nboot), function(i) { set.seed(seed + i); sample.int(n, replace = TRUE) }))
write.table(idx, file.path(out_data, "pls_mobi_boot_indices_plsc_int.csv"), sep = ",", row.names = FALSE,
            col.names = FALSE)
for (mname in names(methods)) {
  mm <- constructs(
    reflective("Image",        multi_items("IMAG", 1:5)),
    reflective("Expectation",  multi_items("CUEX", 1:3)),
    reflective("Satisfaction", multi_items("CUSA", 1:3)),
    interaction_term(iv = "Image", moderator = "Expectation", method = methods[[mname]])
  )
  sm <- relationships(paths(from = c("Image", "Expectation", "Image*Expectation"), to = "Satisfaction"))
  m <- suppressMessages(estimate_pls(data = mobi_small, measurement_model = mm, structural_model = sm))
  add_model(m, mname)
  # the same model without PLSc (composites): the plain paths, for contrast in the tests
  mmc <- constructs(
    composite("Image",        multi_items("IMAG", 1:5)),
    composite("Expectation",  multi_items("CUEX", 1:3)),
    composite("Satisfaction", multi_items("CUSA", 1:3)),
    interaction_term(iv = "Image", moderator = "Expectation", method = methods[[mname]])
  )
  mc <- suppressMessages(estimate_pls(data = mobi_small, measurement_model = mmc, structural_model = sm))
  for (f in c("Image", "Expectation", "Image*Expectation"))
    add("plain_path", mname, f, "Satisfaction", mc$path_coef[f, "Satisfaction"])
  # f² (seminr: each path dropped and the model re-estimated with PLSc; NA for Image and Expectation)
  f2 <- seminr:::model_fsquares(m)
  add("f2", mname, "Image:Expectation", "Satisfaction", f2["Image*Expectation", "Satisfaction"])
  # bootstrap: the resamples are those above (set.seed(seed + i); sample.int(n, replace = TRUE))
  boot <- suppressMessages(bootstrap_model(m, nboot = nboot, cores = 1, seed = seed))
  kept <- dim(boot$boot_paths)[3]
  first <- suppressMessages(estimate_pls(data = mobi_small[idx[1, ], ], measurement_model = mm, structural_model = sm))
  stopifnot(max(abs(first$path_coef - boot$boot_paths[, , 1])) < 1e-12)
  add("boot_kept", mname, "", "", kept)
  for (f in c("Image", "Expectation", "Image*Expectation")) {
    d <- boot$boot_paths[f, "Satisfaction", ]
    add("boot_path", mname, f, "Satisfaction", m$path_coef[f, "Satisfaction"], mean(d), stats::sd(d), length(d))
  }
}

# ---------------------------------------------------------------------------------------------------------------
# 2. A two-stage higher-order construct with an interaction term (composites, plain PLS):
#    Service = Quality + Value (two-stage); (a) Satisfaction ~ Image + Service + Image*Service,
#    (b) Satisfaction ~ Image + Expectation + Service + Image*Expectation.
hoc_mm <- function(iv, moderator, method) constructs(
  composite("Image",        multi_items("IMAG", 1:5)),
  composite("Expectation",  multi_items("CUEX", 1:3)),
  composite("Quality",      multi_items("PERQ", 1:7)),
  composite("Value",        multi_items("PERV", 1:2)),
  higher_composite("Service", c("Quality", "Value"), method = two_stage),
  composite("Satisfaction", multi_items("CUSA", 1:3)),
  interaction_term(iv = iv, moderator = moderator, method = method)
)
hoc_nboot <- 20
hoc_seed <- 11
hoc_idx <- t(sapply(seq_len(hoc_nboot), function(i) { set.seed(hoc_seed + i); sample.int(nrow(mobi_hoc), replace = TRUE) }))
write.table(hoc_idx, file.path(out_data, "pls_mobi_hoc_boot_indices.csv"), sep = ",", row.names = FALSE,
            col.names = FALSE)
for (mname in names(methods)) {
  sm_a <- relationships(paths(from = "Image", to = "Expectation"),
                        paths(from = c("Image", "Service", "Image*Service"), to = "Satisfaction"))
  ma <- suppressMessages(estimate_pls(data = mobi_hoc, measurement_model = hoc_mm("Image", "Service", methods[[mname]]),
                                      structural_model = sm_a))
  add_model(ma, mname, "a_")
  # bootstrap of model (a): 20 resamples (set.seed(hoc_seed + i); sample.int(n, replace = TRUE)), every stage re-run
  hb <- suppressMessages(bootstrap_model(ma, nboot = hoc_nboot, cores = 1, seed = hoc_seed))
  add("a_boot_kept", mname, "", "", dim(hb$boot_paths)[3])
  for (e in list(c("Image", "Expectation"), c("Image", "Satisfaction"), c("Service", "Satisfaction"),
                 c("Image*Service", "Satisfaction"))) {
    d <- hb$boot_paths[e[1], e[2], ]
    add("a_boot_path", mname, e[1], e[2], ma$path_coef[e[1], e[2]], mean(d), stats::sd(d), length(d))
  }
  fs <- ma$first_stage_model
  for (k in c("Quality", "Value")) add("a_stage1_score_sd", mname, k, "", stats::sd(fs$construct_scores[, k]))
  add("a_score1", mname, "Image:Service", "", ma$construct_scores[1, "Image*Service"])
  fa <- seminr:::model_fsquares(ma)
  for (e in list(c("Image", "Expectation"), c("Image", "Satisfaction"), c("Service", "Satisfaction"),
                 c("Image*Service", "Satisfaction")))
    add("a_f2", mname, e[1], e[2], fa[e[1], e[2]])
  sm_b <- relationships(paths(from = "Image", to = "Expectation"),
                        paths(from = c("Image", "Expectation", "Service", "Image*Expectation"), to = "Satisfaction"))
  mb <- suppressMessages(estimate_pls(data = mobi_hoc,
                                      measurement_model = hoc_mm("Image", "Expectation", methods[[mname]]),
                                      structural_model = sm_b))
  add_model(mb, mname, "b_")
}

ref <- do.call(rbind, rows)
write.csv(ref, file.path(out_ref, "pls_interaction_combos.csv"), row.names = FALSE)
cat("wrote", nrow(ref), "rows\n")
