# csat ahp: weights and consistency of a pairwise matrix or a hierarchy; every bad input exits 3 with one line.

set(_ahp_data @SRC@/examples/data)

# V1 drinks (Saaty 2008): EV .177 .019 .042 .116 .190 .129 .327, lambda 7.176629, CR 0.021806 (Saaty 2005)
csat_cli_test(NAME ahp.drinks
  ARGS ahp ${_ahp_data}/ahp_drinks.csv --ri saaty2005
  STDOUT "\ncoffee +0[.]1775\n" "\nwater +0[.]3268\n" "lambda_max 7[.]176629" "CR 0[.]0218 +threshold 0[.]10: consistent"
         "RI table saaty2005")

csat_cli_test(NAME ahp.leader_json
  ARGS ahp ${_ahp_data}/ahp_leader.csv --json --ri saaty2005
  STDOUT "\"names\": .\n +\"Experience\"" "\"weights\": .\n +0[.]5475[0-9]*,\n +0[.]1265[0-9]*" "\"lambda_max\": 4[.]11841"
         "\"ci\": 0[.]03947" "\"ri\": 0[.]89" "\"cr\": 0[.]04435" "\"consistent\": true" "\"gci\": 0[.]156"
         "\"method\": \"ev\"" "\"ri_table\": \"saaty2005\"" "\"threshold\": 0[.]1" "\"most_inconsistent\": ."
         "\"epsilon\": 1[.]4789" "\"suggested\": 1[.]0")

csat_cli_test(NAME ahp.leader_rgmm
  ARGS ahp ${_ahp_data}/ahp_leader.csv --method rgmm --json
  STDOUT "\"method\": \"rgmm\"" "\"ri_table\": \"saaty1980\"" "\"gci\": 0[.]156206")

# V5 with a_cd missing: lambda-optimal completion 0.730297, weights .3738 .392 .0985 .1357, CR(DD) .0372
csat_cli_test(NAME ahp.incomplete
  ARGS ahp ${_ahp_data}/ahp_incomplete.csv --ri donegan-dodd
  STDOUT "1 judgments missing" "\na +0[.]3738\n" "\nd +0[.]1357\n" "CR 0[.]0372" "completed matrix" "0[.]7303[*]")

csat_cli_test(NAME ahp.incomplete_json
  ARGS ahp ${_ahp_data}/ahp_incomplete.csv --json --completion harker
  STDOUT "\"completed_matrix\": ." "\"completion\": \"harker\"" "\"missing_pairs\": 1" "\"weights\": .\n +0[.]3735[0-9]*,\n +0[.]3921")

csat_cli_test(NAME ahp.television_repair
  ARGS ahp ${_ahp_data}/ahp_television.csv --threshold saaty --repair
  STDOUT "CR 0[.]5400 +threshold 0[.]10 [(]Saaty, size-aware[)]: NOT consistent" "repair: CR 0[.]5400 -> 0[.]0[0-9]+ [(]consistent[)]"
         "Koczkodaj 0[.]9800")

csat_cli_test(NAME ahp.hierarchy_leader
  ARGS ahp --hierarchy ${_ahp_data}/ahp_leader.hierarchy
  STDOUT "\n  Experience +0[.]5476 +0[.]5476 +0[.]0318 +consistent" "\n  Tom +0[.]3581 +0[.]3545\n"
         "\n  Dick +0[.]4928 +0[.]4973\n" "\n  Harry +0[.]1491 +0[.]1482\n" "total CR 0[.]0433")

csat_cli_test(NAME ahp.hierarchy_service_json
  ARGS ahp --hierarchy ${_ahp_data}/ahp_service.hierarchy --json --exclude-inconsistent
  STDOUT "\"goal\": \"Service value\"" "\"experts\": ." "\"name\": \"senior manager\"" "\"total_cr\": 0[.]00"
         "\"leaves\": ." "\"direct_weights\": true")

# bad input: exit 3, one line naming the file, line, column and cell
csat_cli_test(NAME ahp.bad_zero EXIT 3 ONE_LINE_STDERR ARGS ahp ${_ahp_data}/ahp_bad_zero.csv
  STDERR "^csat: error: [^\n]*ahp_bad_zero[.]csv:2:3: pairwise.0,1. .A vs B. = 0, but must be finite and positive")
csat_cli_test(NAME ahp.bad_negative EXIT 3 ONE_LINE_STDERR ARGS ahp ${_ahp_data}/ahp_bad_negative.csv
  STDERR "ahp_bad_negative[.]csv:2:5: pairwise.0,2. .A vs C. = -3, but must be finite and positive")
csat_cli_test(NAME ahp.bad_nan EXIT 3 ONE_LINE_STDERR ARGS ahp ${_ahp_data}/ahp_bad_nan.csv
  STDERR "ahp_bad_nan[.]csv:2:5: pairwise.0,2. .A vs C.: \"NaN\" is not a number")
csat_cli_test(NAME ahp.bad_nonreciprocal EXIT 3 ONE_LINE_STDERR ARGS ahp ${_ahp_data}/ahp_bad_nonreciprocal.csv
  STDERR "ahp_bad_nonreciprocal[.]csv:4:3: pairwise.2,1. .C vs B. = 5, but must equal 1/pairwise.1,2. = 6 [(]pairwise.1,2. = 0[.]1666[0-9]*[)] within relative tolerance 1e-06")
csat_cli_test(NAME ahp.bad_diagonal EXIT 3 ONE_LINE_STDERR ARGS ahp ${_ahp_data}/ahp_bad_diagonal.csv
  STDERR "ahp_bad_diagonal[.]csv:3:2: pairwise.1,1. .B vs B. = 2, but a diagonal entry must equal 1")
csat_cli_test(NAME ahp.bad_disconnected EXIT 3 ONE_LINE_STDERR ARGS ahp ${_ahp_data}/ahp_bad_disconnected.csv
  STDERR "ahp_bad_disconnected[.]csv: the comparison graph of the incomplete matrix is disconnected[^\n]*[{]A, B[}] [|] [{]C, D[}]")
csat_cli_test(NAME ahp.bad_empty EXIT 3 ONE_LINE_STDERR ARGS ahp ${_ahp_data}/ahp_bad_empty.csv
  STDERR "ahp_bad_empty[.]csv:1:1: the input is empty")
csat_cli_test(NAME ahp.bad_ragged EXIT 3 ONE_LINE_STDERR ARGS ahp ${_ahp_data}/ahp_bad_ragged.csv
  STDERR "ahp_bad_ragged[.]csv:3:6: row 2 has 2 cells, but the header has 3")
csat_cli_test(NAME ahp.bad_header_count EXIT 3 ONE_LINE_STDERR ARGS ahp ${_ahp_data}/ahp_bad_header.csv
  STDERR "ahp_bad_header[.]csv:2:6: row 1 has 3 cells, but the header has 4")
csat_cli_test(NAME ahp.bad_nonsquare EXIT 3 ONE_LINE_STDERR ARGS ahp ${_ahp_data}/ahp_bad_nonsquare.csv
  STDERR "ahp_bad_nonsquare[.]csv:1: the header names 3 criteria, but the file has 2 rows of judgments")
csat_cli_test(NAME ahp.missing_file EXIT 3 ONE_LINE_STDERR ARGS ahp ${_ahp_data}/no_such_matrix.csv
  STDERR "cannot open")
csat_cli_test(NAME ahp.bad_hierarchy EXIT 3 ONE_LINE_STDERR ARGS ahp --hierarchy ${_ahp_data}/ahp_bad_hierarchy.hierarchy
  STDERR "ahp_bad_hierarchy[.]hierarchy:6:14: row 3 has 4 cells, but the node has 3 children")
csat_cli_test(NAME ahp.bad_method EXIT 3 ONE_LINE_STDERR ARGS ahp ${_ahp_data}/ahp_leader.csv --method power
  STDERR "method \"power\" is not one of ev, rgmm, ncm, llsm")
csat_cli_test(NAME ahp.bad_threshold EXIT 3 ONE_LINE_STDERR ARGS ahp ${_ahp_data}/ahp_leader.csv --threshold high
  STDERR "--threshold high: expected a number in [(]0, 1[)] or \"saaty\"")
csat_cli_test(NAME ahp.no_input EXIT 3 ONE_LINE_STDERR ARGS ahp
  STDERR "give either a MATRIX[.]csv or --hierarchy FILE")
