# Survey data as researchers have them: "no answer" codes, decimal commas, label columns a study misspells, and no
# hidden scale. The variants in tests/data/variants/ hold the same 200 answers (make_variants.py).
set(_v @SRC@/tests/data/variants)
set(_pm @SRC@/tests/cli/data/power.model)

# 99 for "no answer": declared, the codes file gives exactly the output of the file with empty cells
# (the weights w are read too, so the numbers depend on every cell of the file)
csat_cli_same_output(NAME data.missing_codes_declared IGNORE "(PLS path model|Data): "
  RUNS "pls --model ${_pm} --data ${_v}/power200.csv --missing listwise --weights w --scale-min 1 --scale-max 10"
       "pls --model ${_pm} --data ${_v}/power200_codes99.csv --missing-codes 99 --missing listwise --weights w --scale-min 1 --scale-max 10")

# undeclared, the code is an answer: --scale-min/max reject it (line and column), and without them a warning names
# column, code, count and the option
csat_cli_test(NAME data.missing_code_off_scale EXIT 3 ONE_LINE_STDERR
  ARGS pls --model ${_pm} --data ${_v}/power200_codes99.csv --missing listwise --scale-min 1 --scale-max 10
  STDERR "power200_codes99[.]csv:[0-9]+: column \"[A-Z]+[0-9]\" = 99, but must lie in the scale range" "declare it with --missing-codes")
csat_cli_test(NAME data.missing_code_warning
  ARGS pls --model ${_pm} --data ${_v}/power200_codes99.csv --missing listwise
  STDERR "csat pls: warning: column \"[A-Z]+[0-9]\" holds 99 in [0-9]+ rows?, far outside its other answers [(]1 to 10[)]: a code for \"no answer\"[?] Declare it with --missing-codes 99"
  STDOUT "Data: [^\n]*power200_codes99[.]csv [(]csv, UTF-8[)]\n")
csat_cli_test(NAME data.missing_code_declared_no_warning
  ARGS pls --model ${_pm} --data ${_v}/power200_codes99.csv --missing listwise --missing-codes 99 --json
  STDOUT "\"notes\": .\n +\"missing-value codes: 99 [(]besides empty cells, NA, N/A, NaN and [.][)]\""
  STDERR_NOT "warning")
csat_cli_test(NAME data.describe_missing_codes
  ARGS describe ${_v}/power200_codes99.csv --missing-codes 99 --text segment
  STDOUT "200 rows, 23 numeric columns, 1 text column, [1-9][0-9]* missing values" "read as [^\n]*missing-value codes: 99"
  STDERR_NOT "warning")
csat_cli_test(NAME data.describe_code_warning
  ARGS describe ${_v}/power200_codes99.csv --text segment
  STDERR "csat describe: warning: column \"[A-Z]+[0-9]\" holds 99 in")

# clean data raise no missing-code warning
csat_cli_test(NAME data.no_warning_power
  ARGS pls --model ${_pm} --data @SRC@/examples/data/power_survey.csv --missing listwise
  STDERR_NOT "warning")
csat_cli_test(NAME data.no_warning_mobi NEEDS_SHARED
  ARGS describe @SHARED@/data/mobi.csv
  STDERR_NOT "warning")
csat_cli_test(NAME data.no_warning_fce_codes
  ARGS describe @SRC@/examples/data/fce_f1_membership.csv --text 指标
  STDERR_NOT "warning")

# decimal commas in a ;-delimited file: detected and said, the same results as the file with points
csat_cli_same_output(NAME data.decimal_comma IGNORE "(PLS path model|Data): "
  RUNS "pls --model ${_pm} --data ${_v}/power200.csv --missing listwise --weights w --scale-min 1 --scale-max 10"
       "pls --model ${_pm} --data ${_v}/power200_semicolon.csv --missing listwise --weights w --scale-min 1 --scale-max 10"
       "pls --model ${_pm} --data ${_v}/power200_semicolon.csv --decimal , --missing listwise --weights w --scale-min 1 --scale-max 10")
csat_cli_test(NAME data.decimal_comma_said
  ARGS pls --model ${_pm} --data ${_v}/power200_semicolon.csv --missing listwise --weights w
  STDOUT "Data: [^\n]*decimal commas [(]7,5 read as 7[.]5[)]")
csat_cli_test(NAME data.decimal_point_forced EXIT 3 ONE_LINE_STDERR
  ARGS pls --model ${_pm} --data ${_v}/power200_semicolon.csv --decimal . --missing listwise --weights w
  STDERR "power200_semicolon[.]csv:2:[0-9]+: column \"w\": \"0,75\" is not a number[^\n]*a decimal comma[?]")

# the study file: a misspelled label column names the study file, the line and the key; no [scale] is said
csat_cli_test(NAME data.study_misspelled_segment EXIT 3 ONE_LINE_STDERR
  ARGS study ${_v}/study_misspelled.toml --out study-misspelled-out
  STDERR "^csat: error: [^\n]*study_misspelled[.]toml:7:[0-9]+: key \"data[.]segment\": column \"segmnt\" is not in")
csat_cli_test(NAME data.study_no_scale
  ARGS study ${_v}/study_noscale.toml --out study-noscale-out
  STDOUT "Note: no .scale. in [^\n]*study_noscale[.]toml: indices use the observed range of the model's items .1, 10."
  STDERR_NOT "warning"
  FILE study-noscale-out/report.md
  FILE_MATCHES "the observed range of the model's items [(]the study file gives no `.scale.`[)]"
               "missing-value codes: 99")

# a message never prints raw bytes: a Latin-1 byte in an AHP cell is shown as \xE9
csat_cli_test(NAME data.no_raw_bytes EXIT 3 ONE_LINE_STDERR
  ARGS ahp ${_v}/ahp_latin1.csv
  STDERR "ahp_latin1[.]csv:3:[0-9]+: [^\n]*x[\\]xE9")
