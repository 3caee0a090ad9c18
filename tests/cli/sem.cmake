# csat sem: covariance-based SEM by maximum likelihood (lavaan-compatible).

# PoliticalDemocracy: chi-square 38.125 on 35 df, CFI 0.995, RMSEA 0.035 (lavaan 0.6-14)
csat_cli_test(NAME sem.political_democracy NEEDS_SHARED
  ARGS sem --model @SRC@/tests/data/sem_pd.lav --data @SHARED@/data/political_democracy.csv
  STDOUT "converged after" "Chi-square +38[.]125" "Degrees of freedom +35" "Comparative Fit Index [(]CFI[)] +0[.]995"
         "RMSEA +0[.]035" "90 Percent confidence interval +0[.]000 0[.]092" "SRMR +0[.]044"
         "ind60 +=~ +x2 +2[.]180 +0[.]139 +15[.]742 +0[.]000 +1[.]460 +0[.]973" "dem65 +~ +dem60 +0[.]837"
         "R-square:" "dem65 +0[.]961")

csat_cli_test(NAME sem.political_democracy_json NEEDS_SHARED
  ARGS sem --model @SRC@/tests/data/sem_pd.lav --data @SHARED@/data/political_democracy.csv --json
  STDOUT "\"chisq\": 38[.]12521822" "\"df\": 35[.]0" "\"cfi\": 0[.]99537452" "\"rmsea_ci_upper\": 0[.]09223267"
         "\"srmr\": 0[.]0444175" "\"loglik\": -1547[.]790943" "\"converged\": true" "\"n_used\": 75" "\"iterations\": [0-9]+"
         "\"latent variables dem60 and dem65 correlate 0[.]9666: nearly collinear factors\"" "\"lhs\": \"ind60\"" "\"std_all\": 0[.]97303")

# the covariance file has divisor N
csat_cli_test(NAME sem.political_democracy_cov NEEDS_SHARED
  ARGS sem --model @SRC@/tests/data/sem_pd.lav --cov @SHARED@/data/political_democracy_cov_ndiv.csv --nobs 75
       --cov-divisor n --modindices --mi-min 5
  STDOUT "Chi-square +38[.]125" "Modification indices [(]MI >= 5[.]00[)]:")

# FIML on Holzinger-Swineford with 10% missing cells: chi-square 72.735 (lavaan missing = "ml")
csat_cli_test(NAME sem.fiml
  ARGS sem --model @SRC@/tests/data/sem_hs.lav --data @SRC@/tests/data/sem_hs_missing.csv --missing fiml --json
  STDOUT "\"chisq\": 72[.]7351655" "\"missing\": \"fiml\"" "\"information\": \"observed\"" "\"n_used\": 301")

csat_cli_test(NAME sem.listwise
  ARGS sem --model @SRC@/tests/data/sem_hs.lav --data @SRC@/tests/data/sem_hs_missing.csv
  STDOUT "Number of observations +117 used of 301" "184 of 301 rows dropped [(]listwise deletion[)]" "Chi-square +39[.]698")

# three customer segments: configural 64.271 (72 df), metric 71.868 (84), scalar 91.739 (96)
csat_cli_test(NAME sem.invariance
  ARGS sem --model @SRC@/tests/data/sem_segments.lav --data @SRC@/tests/data/sem_segments.csv --group segment --invariance
  STDOUT "configural +90 +64[.]271 +72" "metric +78 +71[.]868 +84 .* 7[.]596 +12 +0[.]8158" "scalar +66 +91[.]739 +96 .* 19[.]871 +12 +0[.]0696")

csat_cli_test(NAME sem.groups_json
  ARGS sem --model @SRC@/tests/data/sem_segments.lav --data @SRC@/tests/data/sem_segments.csv --group segment --json
  STDOUT "\"chisq\": 64[.]27125" "\"label\": \"industrial\"" "\"group\": \"commercial\"")

# bad input: exit 3 with one line
csat_cli_test(NAME sem.missing_model_file EXIT 3 ONE_LINE_STDERR
  ARGS sem --model @SRC@/tests/data/no_such_model.lav --data @SRC@/tests/data/sem_segments.csv
  STDERR "csat: error: .*cannot open .*no_such_model[.]lav")
csat_cli_test(NAME sem.syntax_error EXIT 3 ONE_LINE_STDERR
  ARGS sem --model @SRC@/tests/data/sem_bad.lav --data @SRC@/tests/data/sem_segments.csv
  STDERR "csat: error: .*sem_bad[.]lav:1:14: the statement ends after \"[+]\"")
csat_cli_test(NAME sem.unknown_variable EXIT 3 ONE_LINE_STDERR
  ARGS sem --model @SRC@/tests/data/sem_pd.lav --data @SRC@/tests/data/sem_segments.csv
  STDERR "csat: error: .*observed variable \"x1\" of the model is not a numeric column")
csat_cli_test(NAME sem.unidentified EXIT 3 ONE_LINE_STDERR
  ARGS sem --model @SRC@/tests/data/sem_unidentified.lav --data @SRC@/tests/data/sem_segments.csv
  STDERR "csat: error: .*the model is not identified: 4 free parameters but only 3 sample moments")
csat_cli_test(NAME sem.singular_data EXIT 3 ONE_LINE_STDERR
  ARGS sem --model @SRC@/tests/data/sem_collinear.lav --data @SRC@/tests/data/sem_collinear.csv
  STDERR "csat: error: .*sample covariance matrix is singular.*collinear variables x1, x2, x4")
csat_cli_test(NAME sem.cov_without_nobs EXIT 3 ONE_LINE_STDERR
  ARGS sem --model @SRC@/tests/data/sem_hs.lav --cov @SRC@/tests/data/sem_hs_missing.csv
  STDERR "csat: error: --cov needs --nobs")
csat_cli_test(NAME sem.bad_group EXIT 3 ONE_LINE_STDERR
  ARGS sem --model @SRC@/tests/data/sem_segments.lav --data @SRC@/tests/data/sem_segments.csv --group region
  STDERR "csat: error: .*group column \"region\" is not in")
csat_cli_test(NAME sem.bad_missing_option EXIT 2
  ARGS sem --model @SRC@/tests/data/sem_hs.lav --data @SRC@/tests/data/sem_hs_missing.csv --missing pairwise)

# an intercept in one group switches the mean structure on (lavaan: 30 parameters, df 24)
csat_cli_test(NAME sem.intercept_one_group
  ARGS sem --model @SRC@/tests/data/sem_hs_intercept.lav --data @SRC@/tests/data/sem_hs.csv
  STDOUT "converged after" "Number of free parameters +30" "Chi-square +85[.]306" "Degrees of freedom +24"
         "Comparative Fit Index [(]CFI[)] +0[.]931" "RMSEA +0[.]092" "SRMR +0[.]060" "Intercepts:" "x2 +~1 +6[.]088 +0[.]068")
csat_cli_test(NAME sem.meanstructure_json
  ARGS sem --model @SRC@/tests/data/sem_hs.lav --data @SRC@/tests/data/sem_hs.csv --meanstructure --json
  STDOUT "\"npar\": 30" "\"chisq\": 85[.]30552" "\"df\": 24[.]0" "\"aic\": 7535[.]4898" "\"status\": \"success\"")
csat_cli_test(NAME sem.meanstructure_cov EXIT 3 ONE_LINE_STDERR
  ARGS sem --model @SRC@/tests/data/sem_hs_intercept.lav --cov @SRC@/tests/data/sem_hs.csv --nobs 301
  STDERR "csat: error: a mean structure .*needs raw data")

# exogenous covariates; lavaan's default fixed.x = TRUE reports the log-likelihood given the
# covariates (-3760.494), fixed.x = FALSE the joint one with their moments as free parameters (-4416.240)
csat_cli_test(NAME sem.fixed_x
  ARGS sem --model @SRC@/tests/data/sem_hs_mimic.lav --data @SRC@/tests/data/sem_hs.csv
  STDOUT "Number of free parameters +21" "Chi-square +201[.]861" "Degrees of freedom +42"
         "Loglikelihood user model [(]H0[)] +-3760[.]494" "Loglikelihood unrestricted [(]H1[)] +-3659[.]564"
         "Akaike [(]AIC[)] +7562[.]988" "visual +~ +sex +-0[.]")
csat_cli_test(NAME sem.fixed_x_false
  ARGS sem --model @SRC@/tests/data/sem_hs_mimic.lav --data @SRC@/tests/data/sem_hs.csv --fixed-x false --json
  STDOUT "\"npar\": 24" "\"chisq\": 201[.]8605" "\"loglik\": -4416[.]24036" "\"unrestricted_loglik\": -4315[.]3100988")
csat_cli_test(NAME sem.bad_fixed_x EXIT 2
  ARGS sem --model @SRC@/tests/data/sem_hs_mimic.lav --data @SRC@/tests/data/sem_hs.csv --fixed-x no)

# FIML with a group of 25 rows, 5 of them complete: the model is fitted (lavaan: logl -1778.014),
# the unrestricted model has no maximum, so chi-square and the measures resting on it are flagged
csat_cli_test(NAME sem.fiml_sparse_group
  ARGS sem --model @SRC@/tests/data/sem_segments.lav --data @SRC@/tests/data/sem_groups_sparse.csv --group segment
       --missing fiml
  STDOUT "converged after" "Group 2 south: 25 observations" "Loglikelihood user model [(]H0[)] +-1778[.]014"
         "Comparative Fit Index [(]CFI[)] +nan +[(]h1 not estimated: unreliable, see warnings[)]"
         "group \"south\": the unrestricted [(]h1[)] model could not be estimated")
