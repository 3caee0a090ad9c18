# Bad input through the csat program: every malformed file ends in exit 3 (or 2 for a bad command line) with one
# short line naming the file, line and column; numeric trouble in a valid file is reported, not hidden.
set(_rb @SRC@/tests/robustness/data)

# ---- data files --------------------------------------------------------------------------------------
csat_cli_test(NAME robustness.csv_bom_ragged EXIT 3 ONE_LINE_STDERR ARGS describe ${_rb}/bom_ragged.csv
  STDERR "^csat: error: [^\n]*bom_ragged[.]csv:3:3: this row has 2 fields" "\"q3\" is missing")
csat_cli_test(NAME robustness.csv_unclosed_quote EXIT 3 ONE_LINE_STDERR ARGS describe ${_rb}/unclosed_quote.csv
  STDERR "unclosed_quote[.]csv:3:3: [^\n]*not closed")
csat_cli_test(NAME robustness.csv_overflow EXIT 3 ONE_LINE_STDERR ARGS describe ${_rb}/overflow.csv
  STDERR "overflow[.]csv:3:3: [^\n]*\"1e400\"[^\n]*overflows")
csat_cli_test(NAME robustness.csv_empty EXIT 3 ONE_LINE_STDERR ARGS describe ${_rb}/empty.csv
  STDERR "empty[.]csv:1:1: [^\n]*empty")
csat_cli_test(NAME robustness.csv_header_only EXIT 3 ONE_LINE_STDERR ARGS describe ${_rb}/header_only.csv
  STDERR "header_only[.]csv:1:1: [^\n]*no data rows")
csat_cli_test(NAME robustness.csv_duplicate_header EXIT 3 ONE_LINE_STDERR ARGS describe ${_rb}/duplicate_header.csv
  STDERR "duplicate_header[.]csv:1:7: duplicate column name \"q1\"")
csat_cli_test(NAME robustness.csv_inf_word EXIT 3 ONE_LINE_STDERR ARGS describe ${_rb}/inf_cell.csv
  STDERR "inf_cell[.]csv:2:3: column \"q2\": \"inf\" is not a number")
csat_cli_test(NAME robustness.csv_multiline_cell EXIT 3 ONE_LINE_STDERR ARGS describe ${_rb}/multiline_text.csv
  STDERR "multiline_text[.]csv:2:3: column \"q2\"")
csat_cli_test(NAME robustness.csv_binary EXIT 3 ONE_LINE_STDERR ARGS describe ${_rb}/binary.csv
  STDERR "^csat: error: [^\n]*binary[.]csv: not a CSV text file: it looks like a binary file [(]a NUL byte at offset [0-9]+[)]")
csat_cli_test(NAME robustness.csv_directory EXIT 3 ONE_LINE_STDERR ARGS describe ${_rb}
  STDERR "^csat: error: [^\n]*robustness/data\"?: it is a directory")
csat_cli_test(NAME robustness.pls_empty_data EXIT 3 ONE_LINE_STDERR
  ARGS pls --model @SRC@/tests/pls/data/small.model --data ${_rb}/empty.csv
  STDERR "data file [^\n]*empty[.]csv is empty")
csat_cli_test(NAME robustness.pls_fewer_rows_than_parameters EXIT 3 ONE_LINE_STDERR
  ARGS pls --model @SRC@/tests/pls/data/small.model --data ${_rb}/pls_few_rows.csv
  STDERR "the data have 2 rows, but at least [0-9]+ are needed")

# ---- models ------------------------------------------------------------------------------------------
csat_cli_test(NAME robustness.sem_number_overflow EXIT 3 ONE_LINE_STDERR
  ARGS sem --model ${_rb}/sem_overflow.lav --data @SRC@/tests/data/sem_segments.csv
  STDERR "sem_overflow[.]lav:1:13: \"1e400\" overflows a double")
csat_cli_test(NAME robustness.sem_deep_nesting EXIT 3 ONE_LINE_STDERR
  ARGS sem --model ${_rb}/sem_deep.lav --data @SRC@/tests/data/sem_segments.csv
  STDERR "sem_deep[.]lav:2:[0-9]+: the expression is nested more than 200 levels deep")
csat_cli_test(NAME robustness.pls_number_overflow EXIT 3 ONE_LINE_STDERR
  ARGS pls --model ${_rb}/pls_overflow.model --data @SRC@/tests/pls/data/small.csv
  STDERR "pls_overflow[.]model:1:18: \"1e400\" overflows a double")

# ---- nearly collinear factors: ECSI by ML on mobi prints the warning with the estimates --------------------
csat_cli_test(NAME robustness.sem_ecsi_collinear NEEDS_SHARED
  ARGS sem --model ${_rb}/ecsi_sem.lav --data @SHARED@/data/mobi.csv
  STDOUT "latent variables Expectation and Quality correlate 0[.]9948: nearly collinear factors"
         "latent variables Image and Expectation correlate 0[.]9879: nearly collinear factors")
csat_cli_test(NAME robustness.sem_ecsi_collinear_json NEEDS_SHARED
  ARGS sem --model ${_rb}/ecsi_sem.lav --data @SHARED@/data/mobi.csv --json
  STDOUT "\"latent variables Expectation and Quality correlate 0[.]9948: nearly collinear factors\"")

# ---- matrices and weights ------------------------------------------------------------------------------
csat_cli_test(NAME robustness.ahp_overflow EXIT 3 ONE_LINE_STDERR ARGS ahp ${_rb}/ahp_overflow.csv
  STDERR "ahp_overflow[.]csv:2:3: pairwise.0,1. .A vs B.: \"1e400\" is not a number")
csat_cli_test(NAME robustness.ahp_nan EXIT 3 ONE_LINE_STDERR ARGS ahp ${_rb}/ahp_nan_lower.csv
  STDERR "ahp_nan_lower[.]csv:3:7: pairwise.1,2. .B vs C.: \"NaN\" is not a number")
csat_cli_test(NAME robustness.fce_nan_weight EXIT 3 ONE_LINE_STDERR
  ARGS fce --weights ${_rb}/fce_nan_weights.csv --membership @SRC@/examples/data/fce_f1_membership.csv
       --grades 优秀:100,良好:80,一般:60,较差:40,差:0
  STDERR "^csat: error: [^\n]*fce_nan_weights[.]csv")
csat_cli_test(NAME robustness.fce_overflow_weight EXIT 3 ONE_LINE_STDERR
  ARGS fce --weights ${_rb}/fce_overflow_weights.csv --membership @SRC@/examples/data/fce_f1_membership.csv
       --grades 优秀:100,良好:80,一般:60,较差:40,差:0
  STDERR "^csat: error: [^\n]*fce_overflow_weights[.]csv[^\n]*1e400")

# ---- study files -----------------------------------------------------------------------------------------
csat_cli_test(NAME robustness.study_binary EXIT 3 ONE_LINE_STDERR ARGS study ${_rb}/study_binary.toml
  STDERR "^csat: error: [^\n]*study_binary[.]toml:1:[0-9]+: ")
csat_cli_test(NAME robustness.study_empty EXIT 3 ONE_LINE_STDERR ARGS study ${_rb}/study_empty.toml
  STDERR "^csat: error: [^\n]*study_empty[.]toml")
