# csat describe: statistics, missing counts and Cronbach's alpha of survey data.

csat_cli_test(NAME describe.mobi NEEDS_SHARED
  ARGS describe @SHARED@/data/mobi.csv
  STDOUT "250 rows, 24 numeric columns, 0 missing values" "\nCUEX1 +250 +0 +7[.]580" "\nPERV2 +250 +0 ")

csat_cli_test(NAME describe.mobi_alpha NEEDS_SHARED
  ARGS describe @SHARED@/data/mobi.csv --scale Quality=PERQ1,PERQ2,PERQ3,PERQ4,PERQ5,PERQ6,PERQ7
  STDOUT "scale Quality: 7 items, 250 complete rows"
         "Cronbach's alpha 0[.]872 [(]raw[)], 0[.]877 [(]standardized[)]"
         "PERQ2 +0[.]536 +0[.]872")

csat_cli_test(NAME describe.mobi_json NEEDS_SHARED
  ARGS describe @SHARED@/data/mobi.csv --json --scale Quality=PERQ1,PERQ2,PERQ3,PERQ4,PERQ5,PERQ6,PERQ7
  STDOUT "\"numeric_columns\": 24" "\"missing_cells\": 0" "\"alpha_standardized\": 0[.]87701024524"
         "\"name\": \"Quality\"")

csat_cli_test(NAME describe.text_cell EXIT 3 ONE_LINE_STDERR
  ARGS describe @SRC@/tests/data/survey_text_cell.csv
  STDERR "^csat: error: [^\n]*survey_text_cell[.]csv:3:3: column \"q2\": \"abc\" is not a number")

csat_cli_test(NAME describe.ragged_long EXIT 3 ONE_LINE_STDERR
  ARGS describe @SRC@/tests/data/survey_ragged.csv
  STDERR "^csat: error: [^\n]*survey_ragged[.]csv:3:7: this row has 4 fields, but the header has 3" "\"7\"" "\"q3\"")

csat_cli_test(NAME describe.ragged_short EXIT 3 ONE_LINE_STDERR
  ARGS describe @SRC@/tests/data/survey_ragged_short.csv
  STDERR "^csat: error: [^\n]*survey_ragged_short[.]csv:3:3: this row has 2 fields" "\"q3\" is missing")

csat_cli_test(NAME describe.unknown_scale_column EXIT 3 ONE_LINE_STDERR
  ARGS describe @SRC@/tests/data/survey_small.csv --text segment --scale S=q1,q9
  STDERR "^csat: error: --scale S: column \"q9\" is not in [^\n]*survey_small[.]csv")

csat_cli_test(NAME describe.text_column_in_scale EXIT 3 ONE_LINE_STDERR
  ARGS describe @SRC@/tests/data/survey_small.csv --text segment --scale S=q1,segment
  STDERR "column \"segment\" is a text column")

csat_cli_test(NAME describe.bad_scale_syntax EXIT 2 ONE_LINE_STDERR
  ARGS describe @SRC@/tests/data/survey_small.csv --text segment --scale S
  STDERR "NAME=COL1,COL2")

csat_cli_test(NAME describe.text_and_missing
  ARGS describe @SRC@/tests/data/survey_small.csv --text segment --scale S=q1,q2,q3
  STDOUT "8 rows, 5 numeric columns, 1 text column, 2 missing values" "\nq2 +7 +1 "
         "residential 3 +commercial 2" "6 complete rows [(]listwise deletion excluded 2 of 8 rows [(]lines 3, 6[)][)]")

csat_cli_test(NAME describe.missing_tokens EXIT 3 ONE_LINE_STDERR
  ARGS describe @SRC@/tests/data/survey_small.csv --text segment --missing -99
  STDERR "survey_small[.]csv:3:14: column \"q2\": \"NA\" is not a number")

csat_cli_test(NAME describe.missing_file EXIT 3 ONE_LINE_STDERR
  ARGS describe @SRC@/tests/data/no_such_file.csv
  STDERR "cannot open")

csat_cli_test(NAME describe.help
  ARGS describe --help
  STDOUT "DATA" "--missing" "--scale" "--json")

csat_cli_test(NAME describe.bundled_power_survey
  ARGS describe @SRC@/examples/data/power_survey.csv --text segment,channel,county
       --scale Satisfaction=SAT1,SAT2,SAT3 --json
  STDOUT "\"rows\": 2000" "\"numeric_columns\": 34" "\"text_columns\": 3" "\"missing_cells\": 1383"
         "\"name\": \"Satisfaction\"" "\"residential\": 1433")

csat_cli_test(NAME describe.labels_need_text EXIT 3 ONE_LINE_STDERR
  ARGS describe @SRC@/examples/data/power_survey.csv
  STDERR "power_survey[.]csv:2:3: column \"segment\": \"residential\" is not a number" "--text")
