# csat sem --group-equal / --group-partial (lavaan's group.equal and group.partial), against lavaan 0.6-14
# (tests/reference/sem_group_equal.R): Holzinger-Swineford by school.
set(_hs --model @SRC@/tests/data/sem_hs.lav --data @SRC@/tests/data/sem_hs_school.csv --group school)

# scalar invariance: chi-square 164.1028309 on 60 df
csat_cli_test(NAME sem.group_equal_scalar
  ARGS sem ${_hs} --group-equal loadings,intercepts --json
  STDOUT "\"chisq\": 164[.]10283[0-9]*," "\"df\": 60[.]0," "\"npar\": 48,")
# partial scalar invariance: chi-square 143.8055779 on 58 df
csat_cli_test(NAME sem.group_partial
  ARGS sem ${_hs} --group-equal loadings,intercepts --group-partial "x3 ~ 1,visual =~ x2"
  STDOUT "Chi-square +143[.]806" "Degrees of freedom +58")
csat_cli_test(NAME sem.group_equal_unknown_kind EXIT 2 ONE_LINE_STDERR
  ARGS sem ${_hs} --group-equal loadings,slopes
  STDERR "^csat: error: --group-equal: [^\n]*slopes")
csat_cli_test(NAME sem.group_equal_without_group EXIT 2 ONE_LINE_STDERR
  ARGS sem --model @SRC@/tests/data/sem_hs.lav --data @SRC@/tests/data/sem_hs_school.csv --group-equal loadings
  STDERR "^csat: error: --group-equal and --group-partial need --group COL")
csat_cli_test(NAME sem.group_partial_no_parameter EXIT 3 ONE_LINE_STDERR
  ARGS sem ${_hs} --group-equal loadings --group-partial "visual =~ x9"
  STDERR "^csat: error: [^\n]*group_partial entry \"visual =~ x9\" names no parameter of the model")
